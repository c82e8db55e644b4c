"""`manage.py oidc_endpoints <issuer>` reads the endpoint variables from a real provider."""

import io

import pytest
from django.core.management import CommandError, call_command

from .conftest import running_provider


@pytest.fixture
def provider(tmp_path):
    with running_provider(tmp_path, "http://localhost:8000") as running:
        yield running


def test_the_endpoints_come_from_the_issuers_discovery_document(provider):
    out = io.StringIO()
    call_command("oidc_endpoints", provider.issuer + "/", stdout=out)
    lines = dict(line.split("=", 1) for line in out.getvalue().splitlines())
    assert lines == {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{provider.issuer}/auth",
        "OIDC_OP_TOKEN_ENDPOINT": f"{provider.issuer}/token",
        "OIDC_OP_USER_ENDPOINT": f"{provider.issuer}/me",
        "OIDC_OP_JWKS_ENDPOINT": f"{provider.issuer}/jwks",
        "OIDC_OP_LOGOUT_ENDPOINT": f"{provider.issuer}/session/end",
        "OIDC_RP_SIGN_ALGO": "RS256",
    }


def test_a_document_that_names_another_issuer_is_refused(provider):
    # The provider answers at localhost too, but its document names 127.0.0.1.
    other = provider.issuer.replace("127.0.0.1", "localhost")
    with pytest.raises(CommandError, match="names the issuer"):
        call_command("oidc_endpoints", other, stdout=io.StringIO())


def test_no_provider_there_is_a_clear_error():
    with pytest.raises(CommandError, match="No discovery document"):
        call_command("oidc_endpoints", "http://127.0.0.1:9", stdout=io.StringIO())
