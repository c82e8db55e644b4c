"""The organisation-wide roles, held as auth groups. Committee roles live in Membership."""

COORDINATORS = "Samordnare"
COUNCIL_MEMBERS = "Ledamöter i kommunfullmäktige"
ADMINISTRATORS = "Administratörer"

ALL_GROUPS = (COORDINATORS, COUNCIL_MEMBERS, ADMINISTRATORS)
