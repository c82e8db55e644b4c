"""What a cached page needs before it can be answered from the cache: which programme it shows,
that programme's status (for the visibility rule) and its ``content_version`` (for the key).

These run on every request to the most-read pages, and a cache hit runs little else, so each is
one small SQL statement written out rather than built by the ORM: on the 2-core benchmark machine
the ORM spends 1–2 ms compiling a query that PostgreSQL answers in 0.1 ms (docs/benchmarks.md).
``tests/programme/test_page_heads.py`` checks each against the ORM's answer.
"""

from dataclasses import dataclass

from django.db import connection

from committees.models import Committee
from measures.models import Measure

from .models import Programme, Section


@dataclass(frozen=True)
class ProgrammeHead:
    pk: int
    status: str
    content_version: int


def _one(sql: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _all(sql: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_P = Programme._meta.db_table
_S = Section._meta.db_table
_M = Measure._meta.db_table
_C = Committee._meta.db_table


def programme_head(pk: int) -> ProgrammeHead | None:
    row = _one(f"SELECT id, status, content_version FROM {_P} WHERE id = %s", [pk])  # noqa: S608
    return ProgrammeHead(*row) if row else None


def measure_head(pk: int) -> ProgrammeHead | None:
    """The head of the programme that measure ``pk`` belongs to."""
    row = _one(
        f"SELECT p.id, p.status, p.content_version FROM {_M} m "  # noqa: S608
        f"JOIN {_S} s ON s.id = m.section_id JOIN {_P} p ON p.id = s.programme_id "
        "WHERE m.id = %s",
        [pk],
    )
    return ProgrammeHead(*row) if row else None


def committee_exists(pk: int) -> bool:
    return _one(f"SELECT 1 FROM {_C} WHERE id = %s", [pk]) is not None  # noqa: S608


def all_programme_heads() -> list[ProgrammeHead]:
    rows = _all(f"SELECT id, status, content_version FROM {_P} ORDER BY id", [])  # noqa: S608
    return [ProgrammeHead(*row) for row in rows]
