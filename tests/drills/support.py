"""What the drills start and stop on their own: a Redis, a PostgreSQL, gunicorn, an HTTP client.

Every service runs on a free port in a temporary folder and is stopped by the test that started
it; the machine's shared PostgreSQL and Redis are never stopped.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager, suppress
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support import port_open, require

PROJECT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
REDIS_SERVER = shutil.which("redis-server")
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, timeout: float, what: str, interval: float = 0.1):
    """Poll ``check()`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"{what}: not within {timeout} s")


class OwnRedis:
    """A throw-away redis-server on a free port, which a drill may stop and start again."""

    def __init__(self, folder: Path):
        require(REDIS_SERVER is not None, "redis-server is not installed")
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        subprocess.run(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--daemonize",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
                "--pidfile",
                str(self.folder / "redis.pid"),
                "--logfile",
                str(self.folder / "redis.log"),
            ],
            check=True,
            timeout=10,
        )
        wait_until(lambda: port_open("127.0.0.1", self.port), 10, "own Redis starting")

    def stop(self) -> None:
        pid_file = self.folder / "redis.pid"
        if not pid_file.exists():
            return
        pid = int(pid_file.read_text().strip())
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        wait_until(lambda: not port_open("127.0.0.1", self.port), 10, "own Redis stopping")
        pid_file.unlink(missing_ok=True)


@contextmanager
def own_redis():
    folder = Path(tempfile.mkdtemp(prefix="hp_ops_redis_"))
    redis = OwnRedis(folder)
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _as_postgres(*command: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run a PostgreSQL server binary as the postgres OS user (it refuses to run as root)."""
    if os.geteuid() == 0:
        command = ("runuser", "-u", "postgres", "--", *command)
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout)


class OwnPostgres:
    """A throw-away PostgreSQL cluster in a temporary folder, on a free port, trust auth."""

    def __init__(self, folder: Path):
        require((PG_BIN / "initdb").exists(), f"PostgreSQL server binaries not found in {PG_BIN}")
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        _as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        _as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "postgres.log"),
            "-w",
            "-t",
            "30",
            "start",
        )

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def createdb(self, name: str) -> None:
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-qc",
                f'CREATE DATABASE "{name}"',
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )


@contextmanager
def own_postgres():
    folder = Path(tempfile.mkdtemp(prefix="hp_ops_pg_"))
    postgres = OwnPostgres(folder)
    try:
        postgres.init()
        postgres.start()
        yield postgres
    finally:
        try:
            postgres.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def app_env(**overrides: str) -> dict:
    """The environment of an app process under production settings, reachable over plain HTTP."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "handlingsprogram.settings.production",
        "SECRET_KEY": "drill-" + "k" * 50,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(overrides)
    return env


def manage(env: dict, *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}"
    return result.stdout


def collectstatic(env: dict) -> None:
    """Production serves hashed static files from STATIC_ROOT (whitenoise's manifest)."""
    manage(env, "collectstatic", "--noinput", "-v", "0")


class Gunicorn:
    """The app served by gunicorn in a subprocess, as in production."""

    def __init__(self, env: dict, log: Path, workers: int = 1, cwd: Path = PROJECT):
        require(GUNICORN.exists(), "gunicorn is not installed in the virtualenv")
        self.env = env
        self.log = log
        self.workers = workers
        # Another working directory than the project's needs PYTHONPATH to find the app.
        self.cwd = cwd
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as handle:
            self.process = subprocess.Popen(
                [
                    str(GUNICORN),
                    "handlingsprogram.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--timeout",
                    "60",
                ],
                cwd=self.cwd,
                env=self.env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(self._up, 60, f"gunicorn answering on {self.url}", interval=0.2)

    def _up(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
        return port_open("127.0.0.1", self.port, timeout=0.5)

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen | None) -> None:
    """Stop a process a test started, if it still runs: politely, then for sure."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _LocalhostPolicy(http.cookiejar.DefaultCookiePolicy):
    # Production marks cookies Secure; browsers still send them to localhost over plain HTTP.
    def return_ok_secure(self, cookie, request):
        return True


class HttpClient:
    """A small browser over urllib: cookies, CSRF token, no redirects followed, no exceptions."""

    def __init__(self, base_url: str, timeout: float = 30):
        self.base_url = base_url
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar(policy=_LocalhostPolicy())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def request(self, method: str, path: str, data=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = dict(headers or {})
        if method == "POST":
            headers.setdefault("Referer", self.base_url + path)
            token = self.cookie("csrftoken")
            if token:
                headers.setdefault("X-CSRFToken", token)
        request = urllib.request.Request(  # noqa: S310  (http to our own server only)
            self.base_url + path, data=body, method=method, headers=headers
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def login(self, username: str, password: str = "demo-losenord") -> None:  # noqa: S107
        status, body, _ = self.get("/konto/login/")
        assert status == 200, body[:500]
        status, body, _ = self.post("/konto/login/", {"username": username, "password": password})
        assert status == 302, f"login of {username} failed: {status} {body[:500]!r}"


def form_value(html: bytes, name: str) -> str:
    match = re.search(rb'name="' + re.escape(name.encode()) + rb'" value="([^"]*)"', html)
    assert match, f"no {name} in the page"
    return match.group(1).decode()


class _FormParser(HTMLParser):
    """What a browser would submit from the page's POST forms: {action: [(name, value), ...]}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list]] = []
        self._fields: list | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._fields = []
            self.forms.append((attrs.get("action") or "", self._fields))
        if self._fields is None or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._fields.append(
                (attrs["name"], attrs.get("value") or ("on" if kind == "checkbox" else ""))
            )
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], []
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self._fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self._fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._fields = None


def post_forms(html: bytes) -> list[tuple[str, list]]:
    """The POST forms of a page with the values a browser would send unchanged."""
    parser = _FormParser()
    parser.feed(html.decode())
    return parser.forms
