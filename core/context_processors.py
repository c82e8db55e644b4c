from django.conf import settings


def municipality(request):
    """The municipality's name, shown in every page's header."""
    return {"municipality_name": settings.MUNICIPALITY_NAME}


def sign_in(request):
    """How people sign in here: through the identity provider, with a password, or both."""
    return {
        "sso_enabled": settings.OIDC_ENABLED,
        "local_login": settings.LOCAL_LOGIN,
        "roles_from_provider": settings.ROLES_FROM_PROVIDER,
    }
