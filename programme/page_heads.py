"""What a cached page needs before it can be answered from the cache: which programme it shows,
that programme's status (for the visibility rule) and its ``content_version`` (for the key).

These run on every request to the most-read pages, and a cache hit runs little else, so each is
written out rather than built by the ORM (on the 2-core benchmark machine the ORM spent 1–2 ms
compiling a query that PostgreSQL answers in 0.1 ms), and each goes to the database in the same
statement as the visitor's roles (``committees.roles.fetch_with``): a round trip is most of what
a cache hit costs (docs/benchmarks.md). ``tests/caching/test_raw_reads.py`` checks each against
the ORM's answer.
"""

from dataclasses import dataclass

from committees import roles
from committees.models import Committee
from measures.models import Measure

from .models import Programme, Section


@dataclass(frozen=True)
class ProgrammeHead:
    pk: int
    status: str
    content_version: int


_P = Programme._meta.db_table
_S = Section._meta.db_table
_M = Measure._meta.db_table
_C = Committee._meta.db_table

# Four columns, as roles.fetch_with asks: kind, status, id, content version.
_HEAD = "SELECT 'head', p.status, p.id, p.content_version FROM "


def _heads(rows) -> list[ProgrammeHead]:
    heads = [ProgrammeHead(pk, status, version) for kind, status, pk, version in rows]
    return sorted(heads, key=lambda head: head.pk)


def programme_head(user, pk: int) -> ProgrammeHead | None:
    rows = roles.fetch_with(user, [(_HEAD + f"{_P} p WHERE p.id = %s", [pk])])
    return next(iter(_heads(rows)), None)


def measure_head(user, pk: int) -> ProgrammeHead | None:
    """The head of the programme that measure ``pk`` belongs to."""
    sql = (
        _HEAD + f"{_M} m JOIN {_S} s ON s.id = m.section_id JOIN {_P} p ON p.id = s.programme_id "
        "WHERE m.id = %s"
    )
    return next(iter(_heads(roles.fetch_with(user, [(sql, [pk])]))), None)


def committee_page_heads(user, pk: int) -> tuple[bool, list[ProgrammeHead]]:
    """Whether committee ``pk`` exists, and the head of every programme, in one statement."""
    rows = roles.fetch_with(
        user,
        [
            (f"SELECT 'committee', NULL, id, NULL FROM {_C} WHERE id = %s", [pk]),  # noqa: S608
            (_HEAD + f"{_P} p", []),
        ],
    )
    exists = any(row[0] == "committee" for row in rows)
    return exists, _heads(row for row in rows if row[0] == "head")
