"""The public page of an adopted programme: readable without logging in (offentlighetsprincipen).

It shows the text exactly as adopted (the snapshot), never the live rows.
"""

from django.http import FileResponse, Http404
from django.shortcuts import render

from .workflow_selectors import adopted_versions, programme_get_public


def public_programme(request, pk: int):
    """The adopted version of ``pk``, its decision, and the other adopted versions."""
    programme = programme_get_public(pk=pk)
    adopted = programme.adopted_version
    others = [v for v in adopted_versions(programme=programme) if v.pk != adopted.pk]
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
    minutes = programme.adopted_version.minutes
    if not minutes:
        raise Http404
    return FileResponse(
        minutes.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"protokollsutdrag-{programme.pk}-v{programme.version}.pdf",
    )
