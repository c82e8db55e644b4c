"""Back up and restore the database and the stored files: ``python -m ops.backup``.

    python -m ops.backup create /var/backups/handlingsprogram/2026-11-28
    python -m ops.backup restore /var/backups/handlingsprogram/2026-11-28 --yes

A backup is a folder with ``database.dump`` (pg_dump's custom format: every table, history
included), ``media.tar.gz`` (MEDIA_ROOT: rendered PDFs, minutes) and ``manifest.json`` (when,
what, SHA-256 of both files). Restore checks the checksums, replaces the database's contents in
one transaction and the files folder as a whole. It reads DATABASE_URL and MEDIA_ROOT through
the Django settings (DJANGO_SETTINGS_MODULE, production by default), like the app itself.
See docs/operations.md.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import django

DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _database() -> tuple[list[str], dict]:
    """Connection options for pg_dump/pg_restore, and the environment carrying the password."""
    from django.conf import settings
    from django.db import connections

    db = settings.DATABASES["default"]
    if connections["default"].vendor != "postgresql":
        sys.exit("Backups are made of PostgreSQL databases; DATABASE_URL names another kind.")
    options = ["--dbname", db["NAME"], "--username", db["USER"] or "postgres"]
    if db.get("HOST"):
        options += ["--host", db["HOST"]]
    if db.get("PORT"):
        options += ["--port", str(db["PORT"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return options, env


def _media_root() -> Path:
    from django.conf import settings

    return Path(settings.MEDIA_ROOT)


def backup_create(*, folder: Path) -> dict:
    """Write a backup of the database and MEDIA_ROOT into ``folder`` (which must not exist yet)."""
    folder.mkdir(parents=True)
    options, env = _database()
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-acl", *options, "--file", folder / DUMP],
        env=env,
        check=True,
    )
    media = _media_root()
    with tarfile.open(folder / MEDIA, "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    manifest = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": options[1],
        "media_root": str(media),
        "files": {name: _sha256(folder / name) for name in (DUMP, MEDIA)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def backup_restore(*, folder: Path) -> dict:
    """Replace the database's contents and MEDIA_ROOT with the backup in ``folder``."""
    manifest = json.loads((folder / MANIFEST).read_text())
    for name, expected in manifest["files"].items():
        if _sha256(folder / name) != expected:
            sys.exit(f"{folder / name} does not match its checksum: not restoring.")
    options, env = _database()
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--exit-on-error",
            *options,
            folder / DUMP,
        ],
        env=env,
        check=True,
    )
    # Files: unpack beside the folder, then swap, so a failed unpack leaves the old files.
    media = _media_root()
    media.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media.parent))
    with tarfile.open(folder / MEDIA, "r:gz") as archive:
        archive.extractall(staging, filter="data")
    if media.exists():
        shutil.rmtree(media)
    staging.rename(media)
    _forget_cached_pages()
    return manifest


def _forget_cached_pages() -> None:
    """Cached pages are keyed on content versions, which the restore has turned back: a shared
    page cache (PAGE_CACHE_URL) must forget them. Process-local caches go with the restart."""
    from django.conf import settings
    from django.core.cache import caches

    caches[settings.PAGE_CACHE_ALIAS].clear()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="write a backup into a new folder")
    create.add_argument("folder", type=Path)
    restore = commands.add_parser("restore", help="replace the data with a backup")
    restore.add_argument("folder", type=Path)
    restore.add_argument("--yes", action="store_true", help="really replace the current data")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handlingsprogram.settings.production")
    django.setup()
    if args.command == "create":
        manifest = backup_create(folder=args.folder)
        print(f"Backup written to {args.folder}: {json.dumps(manifest['files'])}")
    else:
        if not args.yes:
            sys.exit("Restoring replaces the current database and files; add --yes to go ahead.")
        backup_restore(folder=args.folder)
        print(f"Restored {args.folder}. Restart the web and worker processes.")


if __name__ == "__main__":
    main()
