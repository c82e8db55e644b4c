"""Adopted versions as snapshots, and the comparison between two of them.

A snapshot is a plain JSON document of what the council adopts: the programme's metadata, its
sections, and its measures with identifiers, texts, dates, indicator and the *names* of their
committees, partners and focus areas (ids are kept beside the names so a revision can copy
them). Follow-up fields (status, progress, progress note, indicator value) are not part of it.

Measures are matched across versions by a lineage key: a measure's own id when it was first
written, carried over to its copy when a programme is revised (``MeasureLineage``). Sections are
matched by their position. Texts are compared word by word with difflib; the result is marked
up with ``<ins>`` and ``<del>`` so the change is not shown by colour alone.
"""

import difflib
import html
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from measures.models import Measure
from programme.models import MeasureLineage, Programme

SNAPSHOT_FORMAT = 1

PROGRAMME_TEXT_FIELDS = ("title", "municipality", "period", "introduction")
SECTION_TEXT_FIELDS = ("title", "introduction", "goals")
# (snapshot key, label) of the measure's parts that the comparison shows.
MEASURE_COMPARED_FIELDS = (
    ("title", _("Title")),
    ("description", _("Description")),
    ("responsible_committee", _("Responsible committee")),
    ("co_responsible_committees", _("Co-responsible committees")),
    ("partners", _("Partners")),
    ("focus_areas", _("National focus areas")),
    ("expected_outcome", _("Expected outcome")),
    ("indicator", _("Indicator")),
    ("indicator_target", _("Target value")),
    ("indicator_unit", _("Unit")),
    ("start_date", _("Start date")),
    ("due_date", _("Due date")),
    ("resources", _("Resources")),
)
FIELD_LABELS = {
    "title": _("Title"),
    "municipality": _("Municipality"),
    "period": _("Period"),
    "introduction": _("Introduction"),
    "goals": _("Goals"),
}


def _names(items) -> list[dict]:
    return [{"id": item.pk, "name": str(item)} for item in items]


def measure_lineage_keys(measures) -> dict[int, str]:
    """Each measure's lineage key: inherited from its predecessor, or its own id."""
    ids = [m.pk for m in measures]
    inherited = dict(
        MeasureLineage.objects.filter(measure_id__in=ids).values_list("measure_id", "key")
    )
    return {pk: inherited.get(pk, f"m{pk}") for pk in ids}


def programme_snapshot(*, programme: Programme) -> dict:
    """The programme's adoptable content as a JSON-ready document (a fixed number of queries)."""
    sections = list(programme.sections.order_by("order"))
    measures = list(
        Measure.objects.filter(section__programme=programme)
        .select_related("section", "responsible_committee")
        .prefetch_related("co_responsible_committees", "partners", "focus_areas")
        .order_by("section__order", "order")
    )
    keys = measure_lineage_keys(measures)
    by_section: dict[int, list[dict]] = {s.pk: [] for s in sections}
    for m in measures:
        by_section[m.section_id].append(
            {
                "key": keys[m.pk],
                "id": m.pk,
                "identifier": m.identifier,
                "order": m.order,
                "title": m.title,
                "description": m.description,
                "responsible_committee": {
                    "id": m.responsible_committee_id,
                    "name": str(m.responsible_committee),
                },
                "co_responsible_committees": _names(m.co_responsible_committees.all()),
                "partners": _names(m.partners.all()),
                "focus_areas": _names(m.focus_areas.all()),
                "expected_outcome": m.expected_outcome,
                "indicator": m.indicator,
                "indicator_target": (
                    None if m.indicator_target is None else str(m.indicator_target)
                ),
                "indicator_unit": m.indicator_unit,
                "start_date": m.start_date.isoformat() if m.start_date else None,
                "due_date": m.due_date.isoformat() if m.due_date else None,
                "resources": m.resources,
            }
        )
    return {
        "format": SNAPSHOT_FORMAT,
        "programme_id": programme.pk,
        "title": programme.title,
        "municipality": programme.municipality,
        "period_from": programme.period_from,
        "period_to": programme.period_to,
        "period": programme.period,
        "edition": programme.edition,
        "owning_committee": {
            "id": programme.owning_committee_id,
            "name": str(programme.owning_committee),
        },
        "introduction": programme.introduction,
        "sections": [
            {
                "order": s.order,
                "kind": s.kind,
                "title": s.title,
                "introduction": s.introduction,
                "goals": s.goals,
                "measures": by_section[s.pk],
            }
            for s in sections
        ],
    }


# --- comparison ----------------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _plain(value) -> str:
    """A snapshot value as plain text: HTML reduced to its words, lists of names joined."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return value.get("name", "")
    if isinstance(value, list):
        return ", ".join(item.get("name", "") for item in value)
    text = strip_tags(str(value).replace("</p>", "</p>\n").replace("<li>", "<li>• "))
    return html.unescape(text).strip()


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts escaped, with removed words in ``<del>`` (old) and added words in ``<ins>`` (new)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - parts escaped above


@dataclass
class FieldChange:
    name: str
    label: str
    old: SafeString
    new: SafeString


@dataclass
class MeasureChange:
    key: str
    old: dict | None
    new: dict | None
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def identifier(self) -> str:
        return (self.new or self.old)["identifier"]

    @property
    def title(self) -> str:
        return (self.new or self.old)["title"]

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old["identifier"] != self.new["identifier"])


@dataclass
class Comparison:
    programme_fields: list[FieldChange]
    section_changes: list[tuple[str, list[FieldChange]]]
    added: list[MeasureChange]
    removed: list[MeasureChange]
    changed: list[MeasureChange]
    unchanged_count: int

    @property
    def has_changes(self) -> bool:
        return bool(
            self.programme_fields
            or self.section_changes
            or self.added
            or self.removed
            or self.changed
        )


def _field_changes(old: dict, new: dict, fields) -> list[FieldChange]:
    changes = []
    for name, label in fields:
        before, after = _plain(old.get(name)), _plain(new.get(name))
        if before != after:
            left, right = word_diff(before, after)
            changes.append(FieldChange(name=name, label=str(label), old=left, new=right))
    return changes


def _measures(snapshot: dict) -> dict[str, dict]:
    return {m["key"]: m for s in snapshot["sections"] for m in s["measures"]}


def snapshot_compare(old: dict, new: dict) -> Comparison:
    """What changed from snapshot ``old`` to snapshot ``new``: texts, sections, measures."""
    programme_fields = _field_changes(
        old, new, [(name, FIELD_LABELS[name]) for name in PROGRAMME_TEXT_FIELDS]
    )
    old_sections = {s["order"]: s for s in old["sections"]}
    new_sections = {s["order"]: s for s in new["sections"]}
    section_changes = []
    section_fields = [(name, FIELD_LABELS[name]) for name in SECTION_TEXT_FIELDS]
    for order in sorted(old_sections.keys() | new_sections.keys()):
        before, after = old_sections.get(order, {}), new_sections.get(order, {})
        changes = _field_changes(before, after, section_fields)
        if changes:
            section_changes.append(
                (f"{order}. {after.get('title') or before.get('title')}", changes)
            )

    old_measures, new_measures = _measures(old), _measures(new)
    added = [
        MeasureChange(key, None, m) for key, m in new_measures.items() if key not in old_measures
    ]
    removed = [
        MeasureChange(key, m, None) for key, m in old_measures.items() if key not in new_measures
    ]
    changed, unchanged = [], 0
    for key, m in new_measures.items():
        if key not in old_measures:
            continue
        fields = _field_changes(old_measures[key], m, MEASURE_COMPARED_FIELDS)
        change = MeasureChange(key, old_measures[key], m, fields)
        if fields or change.renumbered:
            changed.append(change)
        else:
            unchanged += 1
    return Comparison(programme_fields, section_changes, added, removed, changed, unchanged)
