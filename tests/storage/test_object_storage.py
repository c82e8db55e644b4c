"""Stored files in an S3-compatible bucket (SeaweedFS): written and read through Django's storage,
served only through the app's views, never readable from the bucket without a signature."""

import hashlib

import pytest
from botocore.config import Config
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from handlingsprogram.settings.storage import LOCAL, S3, file_storage
from ops.files import files_archive, files_restore, storage_names
from programme.decisions.transitions import programme_transition
from programme.documents import jobs, tasks
from programme.documents import render as pdf
from programme.models import AdoptedEdition, Programme, RenderJob
from tests.drills.support import free_port
from tests.steps import in_days

from .support import BUCKET

MINUTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_files_stay_local_unless_a_bucket_is_named():
    assert file_storage({}) == {"BACKEND": LOCAL}
    assert file_storage({"AWS_STORAGE_BUCKET_NAME": " "}) == {"BACKEND": LOCAL}
    storage = file_storage(
        {"AWS_STORAGE_BUCKET_NAME": "filer", "AWS_S3_ENDPOINT_URL": "http://objects:8333"}
    )
    assert storage["BACKEND"] == S3
    options = storage["OPTIONS"]
    # Private objects; any URL the storage makes is signed and expires within the minute.
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] == 60
    assert options["addressing_style"] == "path"
    assert options["file_overwrite"] is False
    on_aws = file_storage({"AWS_STORAGE_BUCKET_NAME": "filer"})["OPTIONS"]
    assert on_aws["endpoint_url"] is None and on_aws["addressing_style"] is None


@pytest.fixture
def in_bucket(bucket, settings):
    settings.STORAGES = bucket.storages(settings.STORAGES)
    return bucket


@pytest.mark.django_db
def test_the_minutes_go_to_the_bucket_and_come_back_through_the_public_view_only(
    in_bucket, client, programme, coordinator, settings, tmp_path
):
    programme_transition(actor=coordinator, programme=programme, to_status="submitted")
    client.force_login(coordinator)
    response = client.post(
        reverse("programme:adopt", args=[programme.pk]),
        {
            "decision_date": in_days(-1).isoformat(),
            "decision_paragraph": "KF § 12",
            "case_number": "KS 2026-000012",
            "minutes": SimpleUploadedFile("protokoll.pdf", MINUTES, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    minutes = AdoptedEdition.objects.get(programme=programme).minutes
    assert in_bucket.objects() == {minutes.name: _sha(MINUTES)}
    # Nothing was written to the local media folder.
    assert not any(p.is_file() for p in (tmp_path / "media").rglob("*"))

    client.logout()
    answer = client.get(reverse("programme:public_minutes", args=[programme.pk]))
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == MINUTES

    # The bucket itself gives nothing without a signature, nor with a wrong one.
    assert in_bucket.unsigned_status(minutes.name) == 403
    signed = minutes.url
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=60" in signed
    with pytest.raises(Exception, match=r"SignatureDoesNotMatch|Forbidden|403"):
        in_bucket.client(secret="not-the-secret").get_object(Bucket=BUCKET, Key=minutes.name)


@pytest.mark.django_db
def test_no_minutes_from_the_bucket_before_the_programme_is_adopted(
    in_bucket, client, programme, coordinator
):
    # A file of that name in the bucket is not reason enough: the programme is a draft.
    default_storage.save(f"minutes/{programme.pk}/v1.pdf", ContentFile(MINUTES))
    assert programme.status == Programme.Status.DRAFT
    answer = client.get(reverse("programme:public_minutes", args=[programme.pk]))
    assert answer.status_code == 404
    assert not AdoptedEdition.objects.exists()


def test_a_backup_of_the_bucket_restores_exactly_its_objects(in_bucket, tmp_path):
    storage = storages["default"]
    for name, content in {"pdf/a.pdf": b"%PDF-a", "archive/b.zip": b"PK-b", "c.txt": b"c"}.items():
        storage.save(name, ContentFile(content))
    before = in_bucket.objects()
    assert files_archive(storage=storage, target=tmp_path / "media.tar.gz") == 3

    storage.delete("pdf/a.pdf")
    storage.save("archive/b.zip", ContentFile(b"changed"))  # another name: b_xyz.zip
    storage.save("new/extra.pdf", ContentFile(b"after the backup"))
    assert in_bucket.objects() != before

    assert files_restore(storage=storage, source=tmp_path / "media.tar.gz") == 3
    assert in_bucket.objects() == before
    assert sorted(storage_names(storage)) == sorted(before)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.django_db
def test_an_object_store_that_does_not_answer_is_retried_then_the_job_gives_up(
    settings, monkeypatch, django_capture_on_commit_callbacks, programme, coordinator
):
    # Nothing listens on this port; one connection attempt per call keeps the test quick.
    away = file_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "key",
            "AWS_SECRET_ACCESS_KEY": "secret",
        }
    )
    away["OPTIONS"]["client_config"] = Config(
        retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=2
    )
    settings.STORAGES = {**settings.STORAGES, "default": away}
    calls = []

    def layout(document):  # the layout is not what is tested here: the storage is
        calls.append(document)
        return pdf.RenderedPdf(content=MINUTES, pages=1, template_s=0.0, weasyprint_s=0.0)

    monkeypatch.setattr(pdf, "document_render", layout)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.render_job_request(actor=coordinator, programme=programme, kind="draft")
    job.refresh_from_db()
    assert len(calls) == tasks.MAX_RETRIES + 1
    assert (job.status, job.error) == (RenderJob.Status.FAILED, jobs.GAVE_UP)
    assert not job.file
