"""The programme pages: list, overview, editing, sections, history and the bin of deleted items."""

from .history import deleted_items, programme_history, section_history, section_restore
from .programmes import (
    programme_create,
    programme_detail,
    programme_edit,
    programme_list,
)
from .sections import section_create, section_delete, section_edit, section_move

__all__ = [
    "deleted_items",
    "programme_create",
    "programme_detail",
    "programme_edit",
    "programme_history",
    "programme_list",
    "section_create",
    "section_delete",
    "section_edit",
    "section_history",
    "section_move",
    "section_restore",
]
