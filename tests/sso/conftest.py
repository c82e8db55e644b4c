"""Single sign-on harness: a real OpenID Connect provider (tests/sso/provider.mjs, the npm package
oidc-provider) started per test, and the app switched to single sign-on for that test.

``provider`` starts the provider for the live server's address; ``provider.set_account(...)``
changes a user's claims at the provider (it reads its accounts at every sign-in).
``sso_settings(...)`` applies the settings that handlingsprogram/settings/sso.py makes from the
environment and reloads the URL conf, which installs the OIDC routes only when single sign-on
is configured. Without Node or the npm package the tests skip locally and fail under CI=true.
"""

import importlib
import json
import selectors
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import override_settings
from django.urls import clear_url_caches

from committees.management.commands.oidc_endpoints import discover
from handlingsprogram.settings import sso
from tests.support import require

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_SCRIPT = Path(__file__).resolve().parent / "provider.mjs"
CLIENT_ID = "handlingsprogram"
CLIENT_SECRET = "a-client-secret-for-the-tests"


class Provider:
    """The running provider: its issuer and the accounts file it reads."""

    def __init__(self, issuer: str, config_path: Path, config: dict):
        self.issuer = issuer
        self.config_path = config_path
        self.config = config

    def set_account(self, login: str, **claims) -> None:
        self.config["accounts"][login] = claims
        self.config_path.write_text(json.dumps(self.config))

    def send_in_id_token_only(self, *claims: str) -> None:
        """Leave ``claims`` out of the userinfo response (as Entra ID does)."""
        self.config["id_token_only"] = list(claims)
        self.config_path.write_text(json.dumps(self.config))

    def environ(self, **extra) -> dict[str, str]:
        """The environment an operator would set for this provider: the client, and the
        endpoints as `manage.py oidc_endpoints <issuer>` reads them from its discovery document."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_RP_SCOPES": "openid email profile groups",  # the provider's groups scope
            **discover(self.issuer),
            **extra,
        }


def _read_line(process: subprocess.Popen, timeout: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    ready = selector.select(timeout)
    selector.close()
    if not ready:
        return ""
    return process.stdout.readline()


@contextmanager
def running_provider(tmp_path: Path, app_url: str):
    node = shutil.which("node")
    require(node is not None, "Node.js not found: the single sign-on tests need it")
    require(
        (ROOT / "node_modules" / "oidc-provider").is_dir(),
        "oidc-provider not installed: run `npm ci`",
    )
    config = {
        "client": {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [f"{app_url}/oidc/callback/"],
            "post_logout_redirect_uris": [f"{app_url}/"],
        },
        "accounts": {},
    }
    config_path = tmp_path / "provider.json"
    config_path.write_text(json.dumps(config))
    log = (tmp_path / "provider.log").open("w")
    process = subprocess.Popen(
        [node, str(PROVIDER_SCRIPT), str(config_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        line = _read_line(process, timeout=30)
        assert line, f"the provider did not start: {(tmp_path / 'provider.log').read_text()}"
        yield Provider(json.loads(line)["issuer"], config_path, config)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def provider(tmp_path, live_server):
    with running_provider(tmp_path, live_server.url) as running:
        yield running


def _reload_urls() -> None:
    clear_url_caches()
    importlib.reload(importlib.import_module(django_settings.ROOT_URLCONF))
    caches[django_settings.PAGE_CACHE_ALIAS].clear()  # a clean start: no fragment from another test


@contextmanager
def sso_settings(environ: dict[str, str]):
    """The app as it runs with ``environ`` set (single sign-on on), for the duration."""
    values = sso.settings(environ, list(django_settings.AUTHENTICATION_BACKENDS))
    try:
        with override_settings(**values):
            _reload_urls()
            yield
    finally:
        _reload_urls()


# Settings that switch single sign-on on without a provider (for the pages and the local login).
OFFLINE = {
    "OIDC_RP_CLIENT_ID": CLIENT_ID,
    "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "http://127.0.0.1:9/auth",
    "OIDC_OP_TOKEN_ENDPOINT": "http://127.0.0.1:9/token",
    "OIDC_OP_USER_ENDPOINT": "http://127.0.0.1:9/me",
    "OIDC_OP_JWKS_ENDPOINT": "http://127.0.0.1:9/jwks",
}
