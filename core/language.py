"""The language page: where the header's language link leads.

The header offers the other language as a plain link to this page, not as a form: a form posts
with a CSRF token, and a token in the header would make every page personal. Without it the
public page that anonymous visitors read is the same for all of them and is served whole from
the shared cache (``programme.fragments.anonymous_page``). This page holds the form; it posts
to Django's own ``set_language``, which remembers the choice in the language cookie and sends
the visitor back to ``next``.
"""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def choose_language(request):
    """The languages to choose from, with a way back to the page the visitor came from."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    return render(request, "pages/language.html", {"next_url": next_url})
