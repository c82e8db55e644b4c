"""Sign-in sessions with the signed-in user's id in a column of its own (see ``models``)."""
