"""Shared mechanics for writes: attribute the history row to the actor, validate, lock optimistically."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(ValidationError):
    """Someone else saved the object after the editor loaded it; nothing was written."""

    def __init__(self, current: models.Model):
        self.current = current
        super().__init__(
            _("Someone else saved this after you opened it. Your changes were not saved."),
            code="concurrent_edit",
        )


def save_validated(instance: models.Model, *, actor, exclude: list[str] | None = None) -> None:
    """Run the model's validation and save, recording ``actor`` as the history user."""
    instance.full_clean(exclude=exclude, validate_unique=False)
    instance._history_user = actor
    instance.save()


def save_locked(instance: models.Model, *, actor, lock_version: int) -> None:
    """Save ``instance`` only if its row still has ``lock_version``; bump the version.

    The caller holds the row (``select_for_update``) inside a transaction.
    """
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if current.lock_version != lock_version:
        raise ConcurrentEditError(current)
    instance.lock_version = lock_version + 1
    save_validated(instance, actor=actor)
