"""What goes into an archive package besides the PDF: the adopted data, the consultation answers,
a description of the package and the schema of its JSON.

The files are records in Swedish whatever language the coordinator reads the site in, like the
PDF (``common.PROGRAMME_STATUS_SV``), so their texts are Swedish here rather than translated.
"""

import csv
import html
import io
import json

from django.db.models import Prefetch
from django.utils.html import strip_tags

from programme.models import (
    AdoptedEdition,
    ConsultationComment,
    ConsultationInvitation,
    ConsultationRound,
    RenderJob,
)

DECIDED_BY = "Kommunfullmäktige"
DOCUMENT_TYPE = "Handlingsprogram"
DATA_FORMAT = 1

PROGRAMME_JSON = "handlingsprogram.json"
MEASURES_CSV = "atgarder.csv"
CONSULTATION_JSON = "remissvar.json"
MINUTES_PDF = "protokollsutdrag.pdf"
DESCRIPTION_TXT = "beskrivning.txt"
SCHEMA_JSON = "handlingsprogram.schema.json"

# (column, snapshot key or callable, what the column holds)
CSV_COLUMNS = (
    ("id", "identifier", "åtgärdens nummer i programmet, t.ex. 2.3"),
    ("avsnitt", "section", "avsnittets rubrik"),
    ("rubrik", "title", "åtgärdens rubrik"),
    ("beskrivning", "description", "beskrivningen som ren text"),
    ("ansvarig_namnd", "responsible_committee", "ansvarig nämnd"),
    (
        "medansvariga_namnder",
        "co_responsible_committees",
        "medansvariga nämnder, semikolonavgränsade",
    ),
    ("samverkanspartner", "partners", "samverkanspartner, semikolonavgränsade"),
    ("fokusomraden", "focus_areas", "den nationella handlingsplanens fokusområden"),
    ("forvantat_resultat", "expected_outcome", "förväntat resultat som ren text"),
    ("indikator", "indicator", "indikator"),
    ("malvarde", "indicator_target", "målvärde (decimalpunkt)"),
    ("enhet", "indicator_unit", "enhet för målvärdet"),
    ("startdatum", "start_date", "startdatum (ÅÅÅÅ-MM-DD)"),
    ("slutdatum", "due_date", "slutdatum (ÅÅÅÅ-MM-DD)"),
    ("resurser", "resources", "resurser som ren text"),
    ("nyckel", "key", "åtgärdens nyckel, densamma i alla versioner av programmet"),
)


def adopted_pdf_job(*, adopted: AdoptedEdition) -> RenderJob | None:
    """The finished PDF of the adopted edition, newest first; None while it is being made."""
    return (
        RenderJob.objects.filter(
            programme_id=adopted.programme_id,
            kind=RenderJob.Kind.ADOPTED,
            programme_edition=adopted.edition,
            status=RenderJob.Status.DONE,
        )
        .exclude(file="")
        .order_by("-finished_at", "-pk")
        .first()
    )


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def _plain(value) -> str:
    """A snapshot value as one line of plain text: HTML reduced to its words, names joined."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return value.get("name", "")
    if isinstance(value, list):
        return "; ".join(item.get("name", "") for item in value)
    text = strip_tags(str(value).replace("</p>", "</p>\n").replace("<li>", "<li>• "))
    return " ".join(html.unescape(text).split())


def programme_json(*, adopted: AdoptedEdition) -> bytes:
    """The adopted edition as JSON: the decision and the snapshot exactly as stored."""
    return _json(
        {
            "format": DATA_FORMAT,
            "beslut": {
                "version": adopted.edition,
                "beslutsdatum": adopted.decision_date.isoformat(),
                "paragraf": adopted.decision_paragraph,
                "diarienummer": adopted.case_number,
                "beslutande": DECIDED_BY,
                "registrerat": adopted.adopted_at.isoformat(timespec="seconds"),
            },
            "program": adopted.snapshot,
        }
    )


def measures_csv(*, snapshot: dict) -> bytes:
    """One row per adopted measure (RFC 4180, UTF-8, comma-separated, a header row)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(column for column, _key, _about in CSV_COLUMNS)
    for section in snapshot["sections"]:
        for measure in section["measures"]:
            row = {**measure, "section": section["title"]}
            writer.writerow(_plain(row.get(key)) for _column, key, _about in CSV_COLUMNS)
    return out.getvalue().encode()


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def consultation_answers(*, programme_id: int) -> bytes:
    """Every consultation round of the programme with the committees' submitted answers (JSON).

    An answer that was never submitted was never sent: only its state is recorded. Three queries
    whatever the number of rounds, committees and comments.
    """
    rounds = ConsultationRound.objects.filter(programme_id=programme_id).prefetch_related(
        Prefetch(
            "invitations",
            queryset=ConsultationInvitation.objects.select_related(
                "committee", "submitted_by"
            ).order_by("committee__name"),
        ),
        Prefetch("invitations__comments", queryset=ConsultationComment.objects.order_by("pk")),
    )
    data = []
    for consultation in rounds.order_by("sent_at", "pk"):
        answers = []
        for invitation in consultation.invitations.all():
            answer = {
                "namnd": invitation.committee.name,
                "status": invitation.state,
            }
            if invitation.is_submitted:
                answer.update(
                    {
                        "installning": invitation.position,
                        "svar": invitation.text,
                        "inskickat": invitation.submitted_at.isoformat(timespec="seconds"),
                        "inskickat_av": _person(invitation.submitted_by),
                        "kommentarer": [
                            {
                                "atgard_id": comment.measure_id,
                                "atgard": comment.measure_label,
                                "kommentar": comment.text,
                            }
                            for comment in invitation.comments.all()
                        ],
                    }
                )
            answers.append(answer)
        data.append(
            {
                "skickad": consultation.sent_at.isoformat(timespec="seconds"),
                "svarsdatum": consultation.deadline.isoformat(),
                "stangd": (
                    consultation.closed_at.isoformat(timespec="seconds")
                    if consultation.closed_at
                    else None
                ),
                "svar": answers,
            }
        )
    return _json({"format": DATA_FORMAT, "remissomgangar": data})


def description_text(*, title: str, data_files: list[tuple[str, str]]) -> bytes:
    """The package's documentation: what it is and what each file holds, for the archivist."""
    lines = [
        f"Arkivpaket: {title}",
        "",
        "Paketet följer E-ARK CSIP/SIP 2.1 (som FGS Paketstruktur bygger på). METS.xml i",
        "paketets rot förtecknar varje fil med storlek och SHA-256-kontrollsumma.",
        "metadata/descriptive/ead.xml beskriver handlingen i EAD3: rubrik, handlingstyp,",
        "beslutsdatum, paragraf, diarienummer, beslutande organ och arkivbildare.",
        "",
        "representations/rep1/data/ innehåller:",
    ]
    lines += [f"- {name}: {about}" for name, about in data_files]
    lines += [
        "",
        f"Kolumner i {MEASURES_CSV} (en rad per åtgärd, UTF-8, kommaseparerad):",
    ]
    lines += [f"- {column}: {about}" for column, _key, about in CSV_COLUMNS]
    lines += [
        "",
        f"schemas/{SCHEMA_JSON} är JSON Schema för {PROGRAMME_JSON}.",
        "",
    ]
    return "\r\n".join(lines).encode()


_TEXT = {"type": "string"}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_NAMED = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": ["integer", "null"]}, "name": _TEXT},
}
_NAMES = {"type": "array", "items": _NAMED}

PROGRAMME_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Antaget handlingsprogram",
    "type": "object",
    "required": ["format", "beslut", "program"],
    "properties": {
        "format": {"const": DATA_FORMAT},
        "beslut": {
            "type": "object",
            "required": ["version", "beslutsdatum", "paragraf", "diarienummer", "beslutande"],
            "properties": {
                "version": {"type": "integer"},
                "beslutsdatum": {"type": "string", "format": "date"},
                "paragraf": _TEXT,
                "diarienummer": _TEXT,
                "beslutande": _TEXT,
                "registrerat": {"type": "string", "format": "date-time"},
            },
        },
        "program": {
            "type": "object",
            "description": "Programmets text som den antogs; texter är HTML.",
            "required": ["title", "municipality", "version", "owning_committee", "sections"],
            "properties": {
                "format": {"type": "integer"},
                "programme_id": {"type": "integer"},
                "title": _TEXT,
                "municipality": _TEXT,
                "period_from": {"type": "integer"},
                "period_to": {"type": "integer"},
                "period": _TEXT,
                "version": {"type": "integer"},
                "owning_committee": _NAMED,
                "introduction": _TEXT,
                "sections": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["order", "title", "measures"],
                        "properties": {
                            "order": {"type": "integer"},
                            "kind": _TEXT,
                            "title": _TEXT,
                            "introduction": _TEXT,
                            "goals": _TEXT,
                            "measures": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["key", "identifier", "title"],
                                    "properties": {
                                        "key": _TEXT,
                                        "id": {"type": "integer"},
                                        "identifier": _TEXT,
                                        "order": {"type": "integer"},
                                        "title": _TEXT,
                                        "description": _TEXT,
                                        "responsible_committee": _NAMED,
                                        "co_responsible_committees": _NAMES,
                                        "partners": _NAMES,
                                        "focus_areas": _NAMES,
                                        "expected_outcome": _TEXT,
                                        "indicator": _TEXT,
                                        "indicator_target": _NULLABLE_TEXT,
                                        "indicator_unit": _TEXT,
                                        "start_date": {
                                            "type": ["string", "null"],
                                            "format": "date",
                                        },
                                        "due_date": {"type": ["string", "null"], "format": "date"},
                                        "resources": _TEXT,
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def programme_schema() -> bytes:
    return _json(PROGRAMME_SCHEMA)
