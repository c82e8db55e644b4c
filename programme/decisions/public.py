"""The public page of an adopted programme: readable without logging in (offentlighetsprincipen).

It shows the text exactly as adopted (the snapshot), never the live rows.
"""

from django.http import FileResponse, Http404

from programme import page_heads
from programme.pagecache import render_cached
from programme.permissions import is_public

from . import open_data
from .selectors import adopted_version_of, adopted_versions, programme_get_public


def public_programme(request, pk: int):
    """The adopted version of ``pk``, its decision, and the other adopted versions."""
    head = page_heads.programme_head(request.user, pk)
    if head is None or not is_public(head):
        raise Http404

    def context():
        programme = programme_get_public(pk=pk)
        adopted = adopted_version_of(programme=programme)
        versions = adopted_versions(programme=programme)
        dataset = open_data.dataset_description(
            request, programme=programme, adopted=adopted, snapshot=adopted.snapshot
        )
        return {
            "programme": programme,
            "adopted": adopted,
            "snapshot": adopted.snapshot,
            "other_versions": [v for v in versions if v.programme_id != programme.pk],
            "distributions": open_data.distributions(request, programme=programme),
            "licence_url": open_data.CC0,
            "dataset_json_ld": open_data.json_ld(dataset),
        }

    return render_cached(
        request,
        "public/programme.html",
        versions=(head.pk, head.content_version),
        context=context,
    )


def public_minutes(request, pk: int):
    """The minutes extract of the council's decision, as uploaded."""
    programme = programme_get_public(pk=pk)
    minutes = adopted_version_of(programme=programme).minutes
    if not minutes:
        raise Http404
    return FileResponse(
        minutes.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"protokollsutdrag-{programme.pk}-v{programme.version}.pdf",
    )
