"""The drafting pages: creating and editing programmes and sections, history, the bin."""

from .history import deleted_items, programme_history, section_history, section_restore
from .programmes import programme_create, programme_edit
from .sections import section_create, section_delete, section_edit, section_move

__all__ = [
    "deleted_items",
    "programme_create",
    "programme_edit",
    "programme_history",
    "section_create",
    "section_delete",
    "section_edit",
    "section_history",
    "section_move",
    "section_restore",
]
