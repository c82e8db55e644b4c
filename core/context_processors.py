from django.conf import settings


def municipality(request):
    """The municipality's name, shown in every page's header."""
    return {"municipality_name": settings.MUNICIPALITY_NAME}
