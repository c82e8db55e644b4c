"""Where stored files go, from the environment (docs/operations.md, "Running on several servers").

``file_storage(environ)`` returns the ``STORAGES["default"]`` entry that every stored file goes
through: the rendered PDFs, the council's minutes extracts and the archive packages (an import's
file is read in the request and never stored). With ``AWS_STORAGE_BUCKET_NAME`` empty it is the
local ``MEDIA_ROOT``, which is enough for one server. With it set, the files go to that bucket of
an S3-compatible object store (AWS S3, SeaweedFS, MinIO, Ceph …) through django-storages, so that
web processes and workers on different servers see the same files and keep none of their own.

The bucket stays private: objects are written with the ``private`` ACL and any URL the storage
makes is signed and short-lived. The app itself never hands such a URL out: every download is
streamed through a view after its permission check.
"""

from collections.abc import Mapping

LOCAL = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"

# Read into memory up to this size, beyond it into a temporary file (a download streams from it).
MAX_MEMORY_SIZE = 10 * 1024 * 1024


def file_storage(environ: Mapping[str, str]) -> dict:
    """The storage for uploaded and rendered files: local disk, or the configured bucket."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": LOCAL}
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": environ.get("AWS_S3_REGION_NAME", "").strip() or None,
        # Empty keys leave boto3 to its own chain (instance role, ~/.aws), as on AWS itself.
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        # Self-hosted stores answer at one address, not at bucket.host: path-style requests.
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE")
        or ("path" if endpoint else None),
        "signature_version": "s3v4",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": int(environ.get("AWS_QUERYSTRING_EXPIRE") or 60),
        # Like the local disk: a second file of the same name gets a new name, never replaces.
        "file_overwrite": False,
        "max_memory_size": MAX_MEMORY_SIZE,
        "location": environ.get("AWS_LOCATION", "").strip("/"),
    }
    return {"BACKEND": S3, "OPTIONS": options}
