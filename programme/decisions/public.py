"""The public page of an adopted programme: readable without logging in (offentlighetsprincipen).

It shows the text exactly as adopted (the snapshot), never the live rows.
"""

from django.http import FileResponse, Http404
from django.shortcuts import render

from programme.documents.logo import municipality_logo_url
from programme.documents.selectors import programme_governing_facts
from programme.fragments import anonymous_page, fragment_context, lazily
from programme.models import Programme

from . import open_data
from .selectors import adopted_edition_of, adopted_editions, programme_get_public


def public_programme(request, pk: int):
    """The adopted edition of ``pk``, its decision, and the other adopted editions.

    Read by the public all at once after a press release: an anonymous visitor is served the
    whole page from the shared cache (``anonymous_page``) for one query (the programme's
    ``content_generation``, which only a public programme answers) and no session; a signed-in
    reader's page is built around the cached fragments.
    """
    generation = programme_get_public(
        pk=pk, queryset=Programme.objects.only("content_generation")
    ).content_generation

    def page():
        programme = programme_get_public(pk=pk)
        adopted = adopted_edition_of(programme=programme)
        versions = adopted_editions(programme=programme)
        dataset = open_data.dataset_description(
            request, programme=programme, adopted=adopted, snapshot=adopted.snapshot
        )
        return {
            "programme": programme,
            "adopted": adopted,
            "snapshot": adopted.snapshot,
            "other_editions": [v for v in versions if v.programme_id != programme.pk],
            "distributions": open_data.distributions(request, programme=programme),
            "licence_url": open_data.CC0,
            "dataset_json_ld": open_data.json_ld(dataset),
            # The adopted text's period and owner cannot change, so the live row says the same.
            "governing_facts": programme_governing_facts(programme=programme),
            "municipality_logo_url": municipality_logo_url(),
        }

    fragment = fragment_context(request, pk, generation)
    return anonymous_page(
        request,
        fragment["fragment"],
        lambda: render(
            request,
            "public/programme.html",
            {
                **fragment,
                **lazily(
                    page,
                    "programme",
                    "adopted",
                    "snapshot",
                    "other_editions",
                    "distributions",
                    "licence_url",
                    "dataset_json_ld",
                    "governing_facts",
                    "municipality_logo_url",
                ),
            },
        ),
    )


def public_minutes(request, pk: int):
    """The minutes extract of the council's decision, as uploaded."""
    programme = programme_get_public(pk=pk)
    minutes = adopted_edition_of(programme=programme).minutes
    if not minutes:
        raise Http404
    return FileResponse(
        minutes.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"protokollsutdrag-{programme.pk}-v{programme.edition}.pdf",
    )
