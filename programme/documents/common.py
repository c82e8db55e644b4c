"""What the programme PDF's selectors and the follow-up report's share: the Swedish labels both
print.

Its own module so that the dependency runs one way: ``selectors`` imports
``round_report_selectors`` (a job of either kind is current or not), and both import this.
The labels are Swedish, not translated, as every fixed text of the PDFs (docs/pdf.md).
"""

from measures.models import Measure
from programme.models import Programme

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
