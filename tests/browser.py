"""The browser-test harness (fixtures registered once, in tests/conftest.py): Debian's Chromium driven by Playwright against pytest-django's live server.

Each test gets a page in English (chosen with the language cookie, as a user would; the tests
then do not depend on the translation); ``axe_check(page)`` runs axe-core's WCAG 2.1 A/AA rules on the current page, and
``shot(page, name)`` keeps a screenshot under test-artifacts/. Without Chromium or axe-core the
tests skip locally and fail under CI=true (tests.support.require).
"""

import importlib
import io
import json
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from measures.models import FocusArea
from tests.support import require

# Playwright's sync API runs an event loop in this thread; the ORM calls in tests are still sync.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM}")
    require(AXE.exists(), "axe-core not installed: run `npm ci`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev lock has it
        require(False, "playwright is not installed")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    # The pages are Swedish by default; the journeys choose English, as a user can.
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    errors = []
    # A test that provokes a refusal on purpose (a paste of hostile HTML) may take its own out.
    page.console_errors = errors
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Every browser test also proves the Content-Security-Policy breaks nothing: the browser
    # reports each refused script, style or source on the console.
    page.on("console", lambda message: _collect_csp_violation(message, errors))
    page.artifact_dir = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    page.artifact_dir.mkdir(parents=True, exist_ok=True)
    page.shot_count = 0
    yield page
    context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


def _collect_csp_violation(message, errors: list[str]) -> None:
    if message.type == "error" and "Content Security Policy" in message.text:
        errors.append(message.text)


def shot(page, name: str) -> Path:
    """Keep a full-page screenshot of this step under test-artifacts/e2e/<test>/."""
    page.shot_count += 1
    path = page.artifact_dir / f"{page.shot_count:02d}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_check(page) -> None:
    """Run axe-core's WCAG 2.1 A and AA rules on the current page; fail on any violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: a <script> tag holding axe would be inline
        # script, which the pages' Content-Security-Policy refuses (as it should).
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert not violations, f"axe found WCAG 2.1 A/AA violations on {page.url}:\n" + json.dumps(
        violations, indent=2
    )


def check(page, name: str) -> None:
    """The per-page ritual of the journey: accessibility check, then a screenshot."""
    page.wait_for_load_state("load")
    axe_check(page)
    shot(page, name)


@pytest.fixture
def demo():
    # A transactional test flushes the tables afterwards, data-migration rows included.
    focus_areas = importlib.import_module("measures.migrations.0002_focus_areas").FOCUS_AREAS
    for number, name in focus_areas:
        FocusArea.objects.get_or_create(number=number, defaults={"name": name})
    call_command("seed_demo", force=True, stdout=io.StringIO())


def editor(page, field_id):
    """The editable area of a formatted-text field (static/js/prose_editor.js)."""
    area = page.locator(f".prose-editor:has(#{field_id}) .ProseMirror")
    area.wait_for()
    return area
