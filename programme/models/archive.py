"""Archive packages: the adopted edition filed for the municipality's e-archive (E-ARK SIP)."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .rendering import RenderJob, pdf_storage
from .workflow import AdoptedEdition


class ArchivePackage(models.Model):
    """One adopted edition as an E-ARK information package (a ZIP), built once by the worker."""

    adopted_edition = models.OneToOneField(
        AdoptedEdition,
        on_delete=models.PROTECT,
        related_name="archive_package",
        verbose_name=_("adopted version"),
    )
    # The package's identity in the e-archive: METS @OBJID and the ZIP's root folder.
    package_id = models.UUIDField(_("package id"), default=uuid.uuid4, unique=True, editable=False)
    # Kept next to the PDFs, in the same storage.
    file = models.FileField(_("file"), storage=pdf_storage, max_length=200)
    pdf_job = models.ForeignKey(
        RenderJob,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("PDF in the package"),
    )
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("archive package")
        verbose_name_plural = _("archive packages")

    def __str__(self):
        return f"{self.adopted_edition}: {self.package_id}"

    @property
    def download_name(self) -> str:
        """Like the PDF's name: ``handlingsprogram-skelleftea-2026-2029-v1-arkivpaket.zip``."""
        return self.pdf_job.download_name.removesuffix(".pdf") + "-arkivpaket.zip"
