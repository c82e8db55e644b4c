from .archive import ArchivePackage
from .core import Programme, Section
from .rendering import RenderJob, pdf_storage
from .workflow import (
    AdoptedEdition,
    ConsultationComment,
    ConsultationInvitation,
    ConsultationRound,
    MeasureLineage,
    StatusChange,
)

__all__ = [
    "AdoptedEdition",
    "ArchivePackage",
    "ConsultationComment",
    "ConsultationInvitation",
    "ConsultationRound",
    "MeasureLineage",
    "Programme",
    "RenderJob",
    "Section",
    "StatusChange",
    "pdf_storage",
]
