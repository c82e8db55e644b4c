"""Every programme page under one namespace, ``programme:``; each capability keeps its own urls."""

from .dashboard import urls as dashboard
from .decisions import urls as decisions
from .documents import urls as documents
from .drafting import urls as drafting
from .exports import urls as exports
from .imports import urls as imports
from .overview import urls as overview
from .start import urls as start

app_name = "programme"

urlpatterns = [
    *overview.urlpatterns,
    *start.urlpatterns,
    *drafting.urlpatterns,
    *documents.urlpatterns,
    *decisions.urlpatterns,
    *exports.urlpatterns,
    *imports.urlpatterns,
    *dashboard.urlpatterns,
]
