"""Writes to programmes and sections. Each takes the acting user, owns its transaction and records
history; import them from here."""

from .programmes import (
    programme_create,
    programme_extend,
    programme_restore_value,
    programme_update,
)
from .sections import (
    section_create,
    section_delete,
    section_move,
    section_restore,
    section_restore_value,
    section_update,
)

__all__ = [
    "programme_create",
    "programme_extend",
    "programme_restore_value",
    "programme_update",
    "section_create",
    "section_delete",
    "section_move",
    "section_restore",
    "section_restore_value",
    "section_update",
]
