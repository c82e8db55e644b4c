"""The stored files' part of a backup: every file of a Django storage into a tar.gz and back.

One archive format for both kinds of storage: members are ``./<name>`` as the storage names the
file (``./pdf/<hash>.pdf``, ``./minutes/3/v1.pdf``). So a backup of the local MEDIA_ROOT restores
into a bucket and back, which is also how an installation moves its files onto object storage
(docs/operations.md, "Running on several servers").

A local folder is replaced as a whole (unpacked beside it, then swapped), so a failed unpack
leaves the old files. A bucket has no swap: every file of the backup is written first, and only
then are the objects the backup does not have deleted, so a failure halfway loses nothing.
"""

import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage


def _walk(storage: Storage, folder: str = ""):
    """Every file name in the storage, through its own listing (a bucket has no real folders)."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from _walk(storage, f"{folder}{sub}/")


def storage_names(storage: Storage) -> list[str]:
    """The names of every file the storage holds (none when a local folder does not exist yet)."""
    if isinstance(storage, FileSystemStorage) and not Path(storage.location).exists():
        return []
    return list(_walk(storage))


def files_archive(*, storage: Storage, target: Path) -> int:
    """Write every file of ``storage`` into the tar.gz ``target``; return how many."""
    names = storage_names(storage)
    with tarfile.open(target, "w:gz") as archive:
        for name in names:
            with storage.open(name, "rb") as handle:
                info = tarfile.TarInfo(f"./{name}")
                info.size = storage.size(name)
                info.mtime = int(storage.get_modified_time(name).timestamp())
                archive.addfile(info, handle)
    return len(names)


def _member_name(member: tarfile.TarInfo) -> str:
    """The storage name of an archive member; refuses anything that would leave the storage."""
    path = PurePosixPath(member.name)
    parts = [part for part in path.parts if part != "."]
    if path.is_absolute() or ".." in parts or not parts:
        raise ValueError(f"unsafe name in the backup: {member.name!r}")
    return "/".join(parts)


def files_restore(*, storage: Storage, source: Path) -> int:
    """Make ``storage`` hold exactly the files of the tar.gz ``source``; return how many."""
    if isinstance(storage, FileSystemStorage):
        return _restore_folder(Path(storage.location), source)
    restored = set()
    with tarfile.open(source, "r:gz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            name = _member_name(member)
            if storage.exists(name):
                storage.delete(name)  # or the storage would pick another name
            saved = storage.save(name, File(archive.extractfile(member), name=name))
            if saved != name:
                raise RuntimeError(f"the storage stored {name!r} as {saved!r}")
            restored.add(name)
    for name in storage_names(storage):
        if name not in restored:
            storage.delete(name)
    return len(restored)


def _restore_folder(media: Path, source: Path) -> int:
    media.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media.parent))
    with tarfile.open(source, "r:gz") as archive:
        archive.extractall(staging, filter="data")
    if media.exists():
        shutil.rmtree(media)
    staging.rename(media)
    return sum(1 for path in media.rglob("*") if path.is_file())
