"""The public page of an adopted programme: readable without logging in (offentlighetsprincipen).

It shows the text exactly as adopted (the snapshot), never the live rows.
"""

from django.http import FileResponse, Http404
from django.shortcuts import render

from .workflow_selectors import adopted_version_of, adopted_versions, programme_get_public


def public_programme(request, pk: int):
    """The adopted version of ``pk``, its decision, and the other adopted versions."""
    programme = programme_get_public(pk=pk)
    adopted = adopted_version_of(programme=programme)
    others = [v for v in adopted_versions(programme=programme) if v.programme_id != programme.pk]
    return render(
        request,
        "public/programme.html",
        {
            "programme": programme,
            "adopted": adopted,
            "snapshot": adopted.snapshot,
            "other_versions": others,
        },
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
