"""Back up and restore the database and the stored files: ``python -m ops.backup``.

    python -m ops.backup create /var/backups/handlingsprogram/2026-11-28
    python -m ops.backup restore /var/backups/handlingsprogram/2026-11-28 --yes

A backup is a folder with ``database.dump`` (pg_dump's custom format: every table, history
included), ``media.tar.gz`` (every stored file: rendered PDFs, minutes, archive packages, read
through Django's storage, so from MEDIA_ROOT or from the object storage's bucket alike) and
``manifest.json`` (when, what, SHA-256 of each file). Restore checks the checksums, replaces the
database's contents in one transaction and makes the storage hold exactly the backup's files
(ops/files.py). It reads DATABASE_URL and the storage settings through the Django settings
(DJANGO_SETTINGS_MODULE, production by default), like the app itself. See docs/operations.md.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import django

from ops.files import files_archive, files_restore

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


def _file_storages() -> dict[str, str]:
    """Each storage alias that holds files, with its archive in the backup folder."""
    from django.conf import settings

    aliases = dict.fromkeys(["default", settings.PDF_STORAGE_ALIAS])
    return {alias: MEDIA if alias == "default" else f"media-{alias}.tar.gz" for alias in aliases}


def _storage(alias: str):
    from django.core.files.storage import storages

    return storages[alias]


def backup_create(*, folder: Path) -> dict:
    """Write a backup of the database and the stored files into ``folder`` (which must not exist yet)."""
    folder.mkdir(parents=True)
    options, env = _database()
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-acl", *options, "--file", folder / DUMP],
        env=env,
        check=True,
    )
    archives = _file_storages()
    counts = {
        alias: files_archive(storage=_storage(alias), target=folder / archive)
        for alias, archive in archives.items()
    }
    manifest = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": options[1],
        "storages": {
            alias: {
                "archive": archive,
                "backend": type(_storage(alias)).__name__,
                "files": counts[alias],
            }
            for alias, archive in archives.items()
        },
        "files": {name: _sha256(folder / name) for name in (DUMP, *archives.values())},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def backup_restore(*, folder: Path) -> dict:
    """Replace the database's contents and the stored files with the backup in ``folder``."""
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
    # Backups made before the manifest listed its storages hold the default one's files only.
    stored = manifest.get("storages") or {"default": {"archive": MEDIA}}
    for alias, entry in stored.items():
        files_restore(storage=_storage(alias), source=folder / entry["archive"])
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
