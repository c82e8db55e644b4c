"""Print the single sign-on endpoint variables for an issuer, from its discovery document.

The app reads its endpoints from the environment so that no process needs the provider to
start (docs/operations.md, "Single sign-on"); this command reads them once, for the operator.
"""

import requests
from django.core.management.base import BaseCommand, CommandError

# Variable ← the discovery document's key (OpenID Connect Discovery 1.0, section 3).
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",  # optional: RP-initiated logout
}
OPTIONAL = {"OIDC_OP_LOGOUT_ENDPOINT"}


def discover(issuer: str, *, timeout: float = 10) -> dict[str, str]:
    """The endpoint variables (and the signing algorithm) that ``issuer`` publishes."""
    issuer = issuer.rstrip("/")
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=timeout)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise CommandError(f"No discovery document at {url}: {error}") from error
    # The spec requires the document to name the issuer it was asked for; anything else is
    # another provider's (or an attacker's) document.
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise CommandError(f"{url} names the issuer {document.get('issuer')!r}, not {issuer!r}.")
    found = {name: document[key] for name, key in ENDPOINTS.items() if document.get(key)}
    missing = sorted(set(ENDPOINTS) - OPTIONAL - set(found))
    if missing:
        raise CommandError(f"The discovery document has no value for {', '.join(missing)}.")
    algorithms = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    found["OIDC_RP_SIGN_ALGO"] = "RS256" if "RS256" in algorithms else algorithms[0]
    return found


class Command(BaseCommand):
    help = "Print the OIDC_OP_* variables for an issuer, read from its discovery document."

    def add_arguments(self, parser):
        parser.add_argument("issuer", help="e.g. https://login.microsoftonline.com/<tenant>/v2.0")

    def handle(self, *args, issuer, **options):
        for name, value in discover(issuer).items():
            self.stdout.write(f"{name}={value}")
