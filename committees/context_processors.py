from .permissions import committees_visible_to


def navigation(request):
    """Whether the main menu offers the committee pages; asked lazily, only when a page renders it."""
    user = request.user

    def show_committees():
        return user.is_authenticated and committees_visible_to(user).exists()

    return {"show_committees_link": show_committees}
