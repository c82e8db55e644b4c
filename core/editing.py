"""Shared mechanics for writes: attribute the history row to the actor, validate, lock optimistically,
keep positions dense, and read back what changed between two saves."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

from .richtext import sanitize_html

# Far above any real position: rows parked here while a list is renumbered, so the unique
# (parent, order) constraint never sees two rows on one position.
_PARKING_OFFSET = 1_000_000


class ConcurrentEditError(ValidationError):
    """Someone else saved the object after the editor loaded it; nothing was written."""

    def __init__(self, current: models.Model):
        self.current = current
        super().__init__(
            _("Someone else saved this after you opened it. Your changes were not saved."),
            code="concurrent_edit",
        )


def clean_rich_text(fields: dict, names: Iterable[str]) -> dict:
    """Sanitise the rich-text values among ``fields``; refuse any longer than the limit."""
    limit = settings.RICH_TEXT_MAX_LENGTH
    errors = {}
    cleaned = dict(fields)
    for name in names:
        if name not in cleaned:
            continue
        value = cleaned[name] or ""
        if len(value) > limit:
            errors[name] = ValidationError(
                _("This text is %(length)s characters long; the limit is %(limit)s characters."),
                code="max_length",
                params={"length": len(value), "limit": limit},
            )
        cleaned[name] = sanitize_html(value)
    if errors:
        raise ValidationError(errors)
    return cleaned


def save_validated(instance: models.Model, *, actor, exclude: list[str] | None = None) -> None:
    """Run the model's validation and save, recording ``actor`` as the history user."""
    instance.full_clean(exclude=exclude, validate_unique=False)
    instance._history_user = actor
    instance.save()


def save_locked(
    instance: models.Model, *, actor, edit_token: int, fields: Iterable[str] | None = None
) -> None:
    """Save ``instance`` only if its row still has ``edit_token``; move the token on.

    With ``fields``, only those are taken from ``instance``; every other column is refreshed
    from the locked row first, so a concurrent move (which does not move the edit token) is kept.
    The caller runs inside a transaction; the row is held with ``select_for_update``.
    """
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if current.edit_token != edit_token:
        raise ConcurrentEditError(current)
    if fields is not None:
        edited = set(fields)
        for field in instance._meta.concrete_fields:
            if not field.primary_key and field.name not in edited:
                setattr(instance, field.attname, getattr(current, field.attname))
    instance.edit_token = edit_token + 1
    save_validated(instance, actor=actor)


def apply_edit(
    instance: models.Model, *, actor, edit_token: int, fields: dict, rich: Iterable[str]
) -> models.Model:
    """Clean the rich text among ``fields``, set them on ``instance`` and save it locked."""
    fields = clean_rich_text(fields, rich)
    for name, value in fields.items():
        setattr(instance, name, value)
    save_locked(instance, actor=actor, edit_token=edit_token, fields=fields)
    return instance


def value_to_restore(record, instance: models.Model, field: str, allowed: Iterable[str]):
    """The value ``field`` had in the historical ``record`` of ``instance``, for a restore."""
    if field not in allowed or record.id != instance.pk:
        raise ValueError(f"{field} cannot be restored from this record")
    return historical_value(record, field)


def renumber(
    rows: Sequence[models.Model], *, actor, arrived: models.Model | None = None, fields=()
) -> None:
    """Give ``rows`` the positions 1..n in the given order, recording history for moved rows.

    ``rows`` are locked, fresh instances. ``arrived`` is a row that came from elsewhere and
    also saves ``fields`` (e.g. ``section`` when a measure moves between sections). Rows are
    parked first so that no two ever share a position, which the unique constraint refuses.
    """
    if not rows:
        return
    model = type(rows[0])
    stored = dict(model.objects.filter(pk__in=[r.pk for r in rows]).values_list("pk", "order"))
    moved = [
        row
        for position, row in enumerate(rows, start=1)
        if stored.get(row.pk) != position or row is arrived
    ]
    for row in moved:
        model.objects.filter(pk=row.pk).update(order=_PARKING_OFFSET + row.pk)
    for position, row in enumerate(rows, start=1):
        row.order = position
    for row in moved:
        row._history_user = actor
        row.save(update_fields=["order", *(fields if row is arrived else ())])


@dataclass(frozen=True)
class FieldChange:
    """One field's change between two versions, with human-readable values."""

    name: str
    label: str
    old: object
    new: object


def display_value(record, field_name: str):
    """A historical record's value of ``field_name`` as a reader should see it."""
    field = record.instance_type._meta.get_field(field_name)
    if field.many_to_many:
        # The reverse accessor, so that rows prefetched by history_m2m_prefetches() are used.
        target = get_m2m_reverse_field_name(field)
        rows = getattr(record, _link_rows_accessor(type(record), field_name)).all()
        return ", ".join(sorted(str(getattr(row, target)) for row in rows)) or "–"
    if field.choices:
        return dict(field.flatchoices).get(getattr(record, field.attname), "")
    if field.is_relation:
        try:
            return getattr(record, field_name) or "–"
        except models.ObjectDoesNotExist:
            return "–"
    value = getattr(record, field.attname)
    return "–" if value in (None, "") else value


def _link_rows_accessor(historical_model, field_name: str) -> str:
    """The reverse accessor from a historical record to its rows of the link ``field_name``.

    simple-history's own attribute (``record.<field_name>``) is a manager that always queries;
    the reverse foreign key from the history link table can be prefetched.
    """
    rows_model = historical_model.__dict__[field_name].model
    return next(
        f.get_accessor_name()
        for f in historical_model._meta.get_fields()
        if f.one_to_many and f.related_model is rows_model
    )


def history_m2m_prefetches(model: type[models.Model]) -> list[str]:
    """Prefetch lookups that load every historical record's link rows, and what they link to."""
    historical = model.history.model
    lookups = []
    for field in model._meta.many_to_many:
        if field.name in historical.__dict__:
            rows = _link_rows_accessor(historical, field.name)
            lookups += [rows, f"{rows}__{get_m2m_reverse_field_name(field)}"]
    return lookups


def record_changes(record, previous, *, ignore: Iterable[str] = ("edit_token",)) -> list:
    """The field-by-field changes that ``record`` made relative to ``previous`` (a record or None)."""
    fields = [
        f
        for f in record.instance_type._meta.get_fields()
        if (f.concrete or f.many_to_many) and not f.auto_created and f.name not in ignore
    ]
    tracked = {f.name for f in fields if getattr(f, "editable", True)}
    if previous is None:
        names = [f.name for f in fields if f.name in tracked]
    else:
        # Plain fields through simple-history's diff; links by comparing what a reader sees, so
        # that prefetched link rows serve every record without a query each.
        links = {f.name for f in fields if f.many_to_many} & tracked
        names = record.diff_against(previous, included_fields=tracked - links).changed_fields
        names += [
            f.name
            for f in fields
            if f.name in links and display_value(record, f.name) != display_value(previous, f.name)
        ]
    by_name = {f.name: f for f in fields}
    changes = []
    for name in names:
        old = display_value(previous, name) if previous is not None else "–"
        new = display_value(record, name)
        if previous is None and new == "–":
            continue
        changes.append(FieldChange(name, str(by_name[name].verbose_name), old, new))
    return changes


def historical_value(record, field_name: str):
    """The value of ``field_name`` in a historical record, in the form a service accepts."""
    field = record.instance_type._meta.get_field(field_name)
    if field.many_to_many:
        column = f"{get_m2m_reverse_field_name(field)}_id"
        ids = [getattr(row, column) for row in getattr(record, field_name).all()]
        return list(field.related_model.objects.filter(pk__in=ids))
    if field.is_relation:
        return field.related_model.objects.filter(pk=getattr(record, field.attname)).first()
    return getattr(record, field.attname)


def changes_since(current: models.Model, edit_token: int) -> tuple[list, list]:
    """What others changed on ``current`` after the edit token ``edit_token``, and who did it.

    Returns (changes, names of the people who saved in between).
    """
    records = list(current.history.select_related("history_user").order_by("history_id"))
    base = next((r for r in reversed(records) if r.edit_token == edit_token), None)
    latest = records[-1] if records else None
    if base is None or latest is None or base is latest:
        return [], []
    later = [r for r in records if r.history_id > base.history_id]
    people = sorted(
        {
            (r.history_user.get_full_name() or r.history_user.get_username())
            for r in later
            if r.history_user
        }
    )
    return record_changes(latest, base), people
