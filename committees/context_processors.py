from .permissions import can_view_any_committee


def navigation(request):
    """Whether the main menu offers the committee pages; asked lazily, only when a page renders it.

    Every page asks, the cached ones included, so it is answered from the roles (no query).
    """
    user = request.user
    return {"show_committees_link": lambda: can_view_any_committee(user)}
