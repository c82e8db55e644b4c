"""Archive packages: each adopted edition filed as one E-ARK SIP (a ZIP) for the e-archive.

Built by the worker once the adopted edition's final PDF is done (``worker.render_job_run`` queues
it on commit), and only once: a second run, a redelivered task or two racing workers find the
package already stored and do nothing. Stored through the PDFs' storage, next to them.
"""

import hashlib
import logging
import uuid
import zipfile
from io import BytesIO

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from programme import locks
from programme.models import AdoptedEdition, ArchivePackage, RenderJob, pdf_storage

from . import archive_content as content
from . import jobs
from .archive_xml import (
    DOCUMENTATION,
    REPRESENTATION,
    SCHEMAS,
    Description,
    PackageFile,
    ead_document,
    mets_document,
)

logger = logging.getLogger(__name__)

DATA = "representations/rep1/data/"


def _file(path: str, data: bytes, mimetype: str, use: str = "", format_name: str = ""):
    return PackageFile(
        path=path,
        content=data,
        mimetype=mimetype,
        checksum=hashlib.sha256(data).hexdigest(),
        use=use,
        format_name=format_name,
    )


def _read(field) -> bytes:
    with field.storage.open(field.name, "rb") as handle:
        return handle.read()


def _description(adopted: AdoptedEdition, package_id: uuid.UUID, created) -> Description:
    snapshot = adopted.snapshot
    return Description(
        package_id=str(package_id),
        title=snapshot["title"],
        document_type=content.DOCUMENT_TYPE,
        decision_date=adopted.decision_date,
        decision_paragraph=adopted.decision_paragraph,
        case_number=adopted.case_number,
        decided_by=content.DECIDED_BY,
        # The committee that coordinates the programme keeps its records: the archive creator.
        archive_creator=snapshot["owning_committee"]["name"],
        municipality=snapshot.get("municipality") or settings.MUNICIPALITY_NAME,
        edition=adopted.edition,
        created=created,
    )


def package_build(*, adopted: AdoptedEdition, pdf: RenderJob, package_id: uuid.UUID) -> bytes:
    """The package of ``adopted`` as ZIP bytes, one root folder named after ``package_id``."""
    created = timezone.localtime()
    description = _description(adopted, package_id, created)
    data = [
        (
            _file(
                DATA + pdf.download_name,
                _read(pdf.file),
                "application/pdf",
                REPRESENTATION,
                "PDF/A-2a",
            ),
            "det antagna handlingsprogrammet (PDF/A-2a)",
        )
    ]
    if adopted.minutes:
        data.append(
            (
                _file(
                    DATA + content.MINUTES_PDF,
                    _read(adopted.minutes),
                    "application/pdf",
                    REPRESENTATION,
                    "PDF",
                ),
                "protokollsutdrag med kommunfullmäktiges beslut",
            )
        )
    data += [
        (
            _file(
                DATA + content.PROGRAMME_JSON,
                content.programme_json(adopted=adopted),
                "application/json",
                REPRESENTATION,
                "JSON",
            ),
            "programmets innehåll som det antogs, med beslutet (JSON)",
        ),
        (
            _file(
                DATA + content.MEASURES_CSV,
                content.measures_csv(snapshot=adopted.snapshot),
                "text/csv",
                REPRESENTATION,
                "CSV",
            ),
            "en rad per åtgärd (CSV)",
        ),
        (
            _file(
                DATA + content.CONSULTATION_JSON,
                content.consultation_answers(programme_id=adopted.programme_id),
                "application/json",
                REPRESENTATION,
                "JSON",
            ),
            "remissomgångar och nämndernas inskickade remissvar (JSON)",
        ),
    ]
    files = [
        _file(
            "documentation/" + content.DESCRIPTION_TXT,
            content.description_text(
                title=description.title,
                data_files=[(item.path.removeprefix(DATA), about) for item, about in data],
            ),
            "text/plain",
            DOCUMENTATION,
            "Text",
        ),
        _file(
            "schemas/" + content.SCHEMA_JSON,
            content.programme_schema(),
            "application/schema+json",
            SCHEMAS,
            "JSON Schema",
        ),
        *(item for item, _about in data),
    ]
    metadata = [_file("metadata/descriptive/ead.xml", ead_document(description), "application/xml")]
    mets = mets_document(description=description, metadata=metadata, files=files)

    buffer = BytesIO()
    stamp = created.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data_bytes in [
            ("METS.xml", mets),
            *((f.path, f.content) for f in metadata + files),
        ]:
            archive.writestr(zipfile.ZipInfo(f"{package_id}/{path}", date_time=stamp), data_bytes)
    return buffer.getvalue()


def archive_package_build(*, adopted_edition_id: int) -> ArchivePackage | None:
    """Build and store the archive package of an adopted edition, once.

    Returns the stored package (the existing one if it was built before), or None while the
    edition's final PDF is not done: finishing the PDF queues the build again.
    """
    existing = ArchivePackage.objects.filter(adopted_edition_id=adopted_edition_id).first()
    if existing is not None:
        return existing
    adopted = AdoptedEdition.objects.get(pk=adopted_edition_id)
    pdf = content.adopted_pdf_job(adopted=adopted)
    if pdf is None:
        return None
    package_id = uuid.uuid4()
    zipped = package_build(adopted=adopted, pdf=pdf, package_id=package_id)
    with transaction.atomic():
        # Serialises two deliveries of the same task: the second finds the first one's package.
        locks.programmes_lock(Q(pk=adopted.programme_id))
        existing = ArchivePackage.objects.filter(adopted_edition_id=adopted_edition_id).first()
        if existing is not None:
            return existing
        name = pdf_storage().save(f"archive/{package_id}.zip", ContentFile(zipped))
        package = ArchivePackage.objects.create(
            adopted_edition=adopted,
            package_id=package_id,
            file=name,
            pdf_job=pdf,
            size_bytes=len(zipped),
            sha256=hashlib.sha256(zipped).hexdigest(),
        )
    logger.info("Archive package %s built for adopted edition %s", package_id, adopted_edition_id)
    return package


def archive_package_schedule(*, programme_id: int, edition: int) -> None:
    """After the current transaction commits, queue the package of the adopted edition
    ``edition`` of programme ``programme_id`` (if it was adopted and has none yet)."""
    adopted_id = (
        AdoptedEdition.objects.filter(programme_id=programme_id, edition=edition)
        .exclude(archive_package__isnull=False)
        .values_list("pk", flat=True)
        .first()
    )
    if adopted_id is not None:
        transaction.on_commit(lambda: _enqueue(adopted_id))


ARCHIVE_TASK = "programme.documents.tasks.build_archive_package"


def _enqueue(adopted_edition_id: int) -> None:
    """Hand the build to the worker. A broker that is down leaves no package yet: the editions
    page says so, and ``manage.py build_archive_packages`` builds what is missing."""
    try:
        # By name, as jobs.py queues renders: the request path never imports the worker's modules.
        current_app.signature(ARCHIVE_TASK).apply_async(
            args=[adopted_edition_id],
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
        )
    except jobs.BROKER_ERRORS as exc:
        logger.warning("Could not queue archive package of %s: %s", adopted_edition_id, exc)


def archive_packages_missing() -> list[int]:
    """Ids of adopted editions that have no archive package yet, oldest first."""
    return list(
        AdoptedEdition.objects.filter(archive_package__isnull=True)
        .order_by("adopted_at", "pk")
        .values_list("pk", flat=True)
    )
