from programme.permissions import start_page_parts


def navigation(request):
    """Whether the main menu offers the start page ("Att göra"); asked only when a page renders it."""

    def show_start():
        return bool(start_page_parts(request.user))

    return {"show_start_link": show_start}
