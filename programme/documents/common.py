"""What the programme PDF's selectors and the follow-up report's share: the Swedish labels and
numbers both print, and the programme's part of a cover.

Its own module so that the dependency runs one way: ``selectors`` imports
``round_report_selectors`` (a job of either kind is current or not), and both import this.
The labels are Swedish, not translated, as every fixed text of the PDFs (docs/pdf.md).
"""

from core.numbers import plain_number
from measures.models import Measure
from programme.models import Programme

from .document import Decision, ProgrammeCover

PROGRAMME_STATUS_SV = {
    Programme.Status.DRAFT: "Utkast",
    Programme.Status.CONSULTATION: "På remiss",
    Programme.Status.SUBMITTED: "Överlämnat till kommunfullmäktige",
    Programme.Status.ADOPTED: "Antaget",
    Programme.Status.SUPERSEDED: "Ersatt",
    Programme.Status.WITHDRAWN: "Återkallat",
}
MEASURE_STATUS_SV = {
    Measure.Status.PLANNED: "Planerad",
    Measure.Status.ONGOING: "Pågår",
    Measure.Status.COMPLETED: "Genomförd",
    Measure.Status.DELAYED: "Försenad",
    Measure.Status.CANCELLED: "Avbruten",
}


def number_sv(value) -> str:
    """A stored number (a Decimal, or its text in a closed round's snapshot) as the PDFs print
    it: Swedish notation without trailing zeros, 12.50 → "12,5" (as on the pages)."""
    return plain_number(value, decimal_separator=",")


def programme_cover(*, programme: Programme, with_decision: bool) -> ProgrammeCover:
    """The programme as a document's cover names it; the council's decision only
    ``with_decision`` and once its date is known. No query where ``programme`` came with its
    owning committee (``select_related``), else one, for the owner's name."""
    decision = None
    if with_decision and programme.decision_date:
        decision = Decision(
            date=programme.decision_date.isoformat(),
            paragraph=programme.decision_paragraph,
            case_number=programme.case_number,
        )
    return ProgrammeCover(
        municipality=programme.municipality,
        title=programme.title,
        period=programme.period,
        edition=programme.edition,
        owning_committee=programme.owning_committee.name,
        decision=decision,
    )
