from .archive import ArchivePackage
from .core import Programme, Section
from .rendering import RenderJob, pdf_storage
from .workflow import (
    AdoptedVersion,
    ConsultationComment,
    ConsultationInvitation,
    ConsultationRound,
    MeasureLineage,
    StatusChange,
)

__all__ = [
    "AdoptedVersion",
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
