"""The WeasyPrint adjustments: pinned to the versions they were measured with, loaded only to render."""

import json
import os
import subprocess
import sys
from importlib.metadata import version

import pytest
from django.conf import settings
from weasyprint.html import UA_STYLESHEET as WEASYPRINT_UA_STYLESHEET

from programme.documents import weasyprint_tuning as tuning

# The modules that render, and so may import WeasyPrint: the task the worker loads, what it
# calls, and the render_programme command.
RENDER_PATH = {
    "programme.documents.tasks",
    "programme.documents.worker",
    "programme.documents.render",
    "programme.documents.weasyprint_tuning",
    "programme.documents.fetcher",
    "programme.documents.round_report_render",
    "programme.management.commands.render_programme",
}
PACKAGES = ("core", "committees", "programme", "measures")

# Run in a fresh interpreter: this test process has long since loaded WeasyPrint.
IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import django
django.setup()
render_path, packages = json.loads(sys.argv[1]), json.loads(sys.argv[2])
imported = []
for package in packages:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if info.name not in render_path:
            importlib.import_module(info.name)
            imported.append(info.name)
before = "weasyprint" in sys.modules
importlib.import_module("programme.documents.tasks")
print(json.dumps({"imported": imported, "weasyprint": before, "after_task": "weasyprint" in sys.modules}))
"""

# Without a broker the process runs tasks itself: the name the request path queues must resolve to
# the task (Celery's send_task would ignore eager mode and try to reach a broker).
RESOLVE_BY_NAME_WHEN_EAGER = """
import json, sys
import django
django.setup()
from celery import current_app
from programme.documents import jobs
before = "weasyprint" in sys.modules
task = current_app.signature(jobs.RENDER_TASK).type
print(json.dumps({"before": before, "task": task.name, "eager": current_app.conf.task_always_eager}))
"""


def _run(code: str, *args: str, eager: bool) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "handlingsprogram.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "true" if eager else "false",
    }
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_the_installed_weasyprint_and_pydyf_are_those_the_tuning_was_measured_with():
    installed = (version("weasyprint"), version("pydyf"))
    measured = (tuning.WEASYPRINT_VERSION, tuning.PYDYF_VERSION)
    if installed != measured:
        pytest.fail(
            f"WeasyPrint {installed[0]} and pydyf {installed[1]} are installed, but the "
            f"adjustments in programme/documents/weasyprint_tuning.py were measured with "
            f"WeasyPrint {measured[0]} and pydyf {measured[1]} (those that reach into their "
            "internals are off for any other version). Re-run `python -m benchmarks.pdf` with and without each adjustment "
            "(`--without NAME`) back to back "
            "(docs/benchmarks.md, 'The WeasyPrint adjustments'), keep only those still worth it, "
            "then update WEASYPRINT_VERSION/PYDYF_VERSION and the module's docstring, and the "
            "numbers in docs/benchmarks.md and docs/pdf.md."
        )


def test_with_other_versions_weasyprint_runs_as_it_comes(monkeypatch):
    tuning.narrowed_ua_stylesheet.cache_clear()
    monkeypatch.setattr(tuning, "version", lambda package: "999.0")
    try:
        assert not tuning.versions_measured()
        assert tuning.narrowed_ua_stylesheet() is WEASYPRINT_UA_STYLESHEET
    finally:
        tuning.narrowed_ua_stylesheet.cache_clear()
    monkeypatch.undo()
    assert tuning.versions_measured()
    assert tuning.narrowed_ua_stylesheet() is not WEASYPRINT_UA_STYLESHEET


def test_services_views_selectors_and_models_do_not_import_weasyprint():
    # A web process with a broker, as in production.
    outcome = _run(
        IMPORT_EVERYTHING, json.dumps(sorted(RENDER_PATH)), json.dumps(PACKAGES), eager=False
    )
    for module in (
        "programme.documents.jobs",
        "programme.documents.views",
        "programme.documents.selectors",
        "programme.documents.content",
        "programme.decisions.transitions",
        "programme.models",
    ):
        assert module in outcome["imported"]
    assert outcome["weasyprint"] is False, "a module outside the render path imports WeasyPrint"
    assert outcome["after_task"] is True  # the check can fail: the task does load it


def test_without_a_broker_the_queued_name_is_the_task_in_this_process():
    outcome = _run(RESOLVE_BY_NAME_WHEN_EAGER, eager=True)
    assert outcome == {
        "before": False,
        "task": "programme.documents.tasks.render_programme_pdf",
        "eager": True,
    }
