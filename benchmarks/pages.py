"""Benchmark of the pages people read: ``python -m benchmarks.pages``.

For 30, 300 and 1000 measures it generates a draft programme and an adopted copy in the
PostgreSQL database that DATABASE_URL names, serves the app with gunicorn (2 workers,
production settings, DEBUG off) and runs wrk (20 connections, 10 s) against a trivial baseline
view, the programme overview, a committee's assignment page, a measure page and the public
page, with a coordinator's cookies, and the public page once more without any cookie (an
anonymous visitor, served whole from the page cache all anonymous visitors share), and then as
many bytes as that page from memory (the stack's ceiling for a page that size). It prints one
JSON line per page and size, with the page's size in bytes.

Needs: DATABASE_URL=postgres://…, wrk (apt-get install wrk). The programmes it made are
deleted again after each size; users and committees it made stay (they are harmless and reused).
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

import django

SIZES = (30, 300, 1000)
PAGES = (
    "baseline",
    "programme_overview",
    "committee_assignments",
    "measure_detail",
    "public_programme",
    "public_programme_anonymous",
    # As many bytes as the anonymous public page, from memory (benchmarks/urls.py): what this
    # stack can send of a page that size at all, the reference for that page's line.
    "same_size_as_anonymous",
)
# Requested without cookies: no session, no CSRF cookie sent back, as a first-time visitor.
ANONYMOUS_PAGES = frozenset({"public_programme_anonymous", "same_size_as_anonymous"})
USERNAME = "benchmark-samordnare"
PASSWORD = "benchmark-" + "x" * 20
PROJECT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(static_root: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-" + "s" * 50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATIC_ROOT": static_root,
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "WARNING",
        "AXES_ENABLED": "false",
    }


# This process generates the data and counts queries; gunicorn serves with ``_env`` (no broker,
# tasks in-process). Here tasks go to kombu's in-memory broker, which nobody consumes: submitting
# and adopting queue their PDFs as always (a RenderJob each, left queued), none is rendered.
GENERATION_BROKER = "memory://localhost/"


def _generation_env(static_root: str) -> dict:
    return {**_env(static_root), "CELERY_BROKER_URL": GENERATION_BROKER}


def _coordinator():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from committees import roles

    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=roles.COORDINATORS)[0])
    return user


def _generate(measures: int, actor) -> dict:
    """A draft programme and an adopted one of ``measures`` measures; the URLs to measure."""
    from django.conf import settings

    from benchmarks.pdf import build_programme
    from committees.models import Committee
    from notifications.services import notifications_suppressed
    from programme.decisions import transitions as workflow
    from programme.models import Programme

    # Submitting and adopting queue PDFs; rendering 1000 measures is not what this measures.
    if settings.CELERY_BROKER_URL != GENERATION_BROKER:
        raise RuntimeError(f"Generate with CELERY_BROKER_URL={GENERATION_BROKER} (_generation_env)")
    # Nor are e-mails: the generated programmes are nobody's news (and the console backend
    # would print them among the JSON lines).
    with notifications_suppressed():
        draft = build_programme(measures, actor=actor)
        adopted = build_programme(measures, actor=actor)
        CREATED.extend([draft.pk, adopted.pk])
        workflow.programme_transition(actor=actor, programme=adopted, to_status="submitted")
        workflow.programme_transition(
            actor=actor,
            programme=Programme.objects.get(pk=adopted.pk),
            to_status="adopted",
            decision_date=date(2026, 2, 24),
            decision_paragraph="KF § 12",
            case_number="KS 2025-000042",
        )
    committee = Committee.objects.get(name="Socialnämnden")
    measure = draft.sections.order_by("order").first().measures.order_by("order").last()
    return {
        "baseline": "/bench/baseline/",
        "programme_overview": f"/program/{draft.pk}/",
        "committee_assignments": f"/namnder/{committee.pk}/uppdrag/",
        "measure_detail": f"/atgarder/{measure.pk}/",
        "public_programme": f"/publikt/{adopted.pk}/",
        "public_programme_anonymous": f"/publikt/{adopted.pk}/",
    }


CREATED: list[int] = []


def _remove_generated() -> None:
    """Delete the programmes this run made. An adopted version refuses ``delete()`` one by one
    (a record); a queryset's ``delete()`` does not call it, which is what a benchmark wants."""
    from programme.models import AdoptedEdition, Programme

    AdoptedEdition.objects.filter(programme_id__in=CREATED).delete()
    Programme.objects.filter(pk__in=CREATED).delete()
    CREATED.clear()


def _queries(urls: dict, actor) -> dict:
    """How many SQL queries each page makes, asked in this process with the test client: as
    served under load (from the page cache), and when the page is rendered (cache empty)."""
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    signed_in = Client()
    signed_in.force_login(actor)
    counts = {}
    for page, url in urls.items():
        client = Client() if page in ANONYMOUS_PAGES else signed_in
        client.get(url)  # warm what is per process (templates, content types)
        for alias in (settings.PAGE_CACHE_ALIAS, settings.ANONYMOUS_PAGE_CACHE_ALIAS):
            caches[alias].clear()
        with CaptureQueriesContext(connection) as rendered:
            client.get(url)
        with CaptureQueriesContext(connection) as cached:
            response = client.get(url)
        assert response.status_code == 200, (page, url, response.status_code)
        counts[page] = (len(cached), len(rendered))
    return counts


def _browser_cookies(base_url: str) -> str:
    """The Cookie header of a browser that signed in: the session and the CSRF cookie (a browser
    sends the latter back, so the server need not make and set a new one on every page)."""
    jar = urllib.request.HTTPCookieProcessor()
    opener = urllib.request.build_opener(jar)
    opener.open(base_url + "/konto/login/", timeout=30).read()
    token = next(c.value for c in jar.cookiejar if c.name == "csrftoken")
    body = urllib.parse.urlencode(
        {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(  # noqa: S310  (our own local server)
        base_url + "/konto/login/",
        data=body,
        # Production's cookies are Secure, so urllib would not send them back over plain HTTP.
        headers={"Referer": base_url + "/konto/login/", "Cookie": f"csrftoken={token}"},
    )
    opener.open(request, timeout=30).read()
    cookies = {c.name: c.value for c in jar.cookiejar}
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"


class _Server:
    def __init__(self, env: dict, log: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "handlingsprogram.wsgi",
                *("--workers", "2", "--bind", f"127.0.0.1:{self.port}", "--timeout", "120"),
            ],
            cwd=PROJECT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start, see {log}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _wrk(url: str, cookies: str, seconds: int, connections: int, script: str) -> dict:
    """wrk against ``url``; with ``cookies`` empty, no Cookie header at all."""
    headers = ["-H", f"Cookie: {cookies}"] if cookies else []
    command = [
        "wrk",
        f"-c{connections}",
        "-t2",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        script,
        *headers,
        url,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    requests, duration_us, p50, p95, errors = map(
        int, re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+)", output).groups()
    )
    return {
        "rps": round(requests / (duration_us / 1e6), 1),
        "p50_ms": round(p50 / 1000, 1),
        "p95_ms": round(p95 / 1000, 1),
        "non_2xx": errors,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it gets benchmark programmes).")
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk).")
    work = Path(tempfile.mkdtemp(prefix="hp-pages-"))
    env = _env(str(work / "static"))
    os.environ.update(_generation_env(str(work / "static")))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    actor = _coordinator()
    script = work / "report.lua"
    script.write_text(WRK_SCRIPT)
    server = _Server(env, work / "gunicorn.log")
    try:
        cookies = _browser_cookies(server.url)
        for size in args.sizes:
            urls = _generate(size, actor)
            counts = _queries(urls, actor)
            baseline_rps = None
            page_bytes: dict[str, int] = {}
            for page in PAGES:
                if page == "same_size_as_anonymous":
                    urls[page] = f"/bench/bytes/{page_bytes['public_programme_anonymous']}/"
                    counts[page] = (0, 0)
                url = server.url + urls[page]
                sent = "" if page in ANONYMOUS_PAGES else cookies
                for _ in range(3):  # warm up both workers
                    warm = urllib.request.Request(  # noqa: S310
                        url, headers={"Cookie": sent} if sent else {}
                    )
                    body = urllib.request.urlopen(warm, timeout=60).read()  # noqa: S310
                    # A visitor without cookies must never be served a signed-in page.
                    assert sent or USERNAME.encode() not in body, (page, "signed-in page")
                page_bytes[page] = len(body)
                result = _wrk(url, sent, args.seconds, args.connections, str(script))
                if page == "baseline":
                    baseline_rps = result["rps"]
                line = {
                    "page": page,
                    "measures": size,
                    "queries": counts[page][0],
                    "queries_uncached": counts[page][1],
                    "rps": result["rps"],
                    "rps_ratio_to_baseline": round(result["rps"] / baseline_rps, 3),
                    "p50_ms": result["p50_ms"],
                    "p95_ms": result["p95_ms"],
                    "non_2xx": result["non_2xx"],
                    "bytes": len(body),
                }
                print(json.dumps(line), flush=True)
            _remove_generated()
    finally:
        server.stop()
        _remove_generated()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
