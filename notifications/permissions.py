"""Who may do what with notifications: each signed-in user chooses their own, nobody else's."""


def can_change_notification_settings(user) -> bool:
    return user.is_authenticated and user.is_active
