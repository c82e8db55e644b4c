"""The adopted programme as open data: where its data is (the API, the PDF), under which licence,
and a machine-readable description of the dataset (DCAT-AP-SE as JSON-LD) that Sweden's data
portal (dataportal.se) harvests from the public page.

The API lives above this package (``api``); its addresses are reversed by name, not imported.
"""

import json
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from programme.models import AdoptedEdition, Programme

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Distribution:
    label: str
    url: str
    media_type: str


def distributions(request, *, programme: Programme) -> list[Distribution]:
    """The forms in which an adopted programme's data can be fetched, as absolute addresses."""

    def absolute(path: str) -> str:
        return request.build_absolute_uri(path)

    api_measures = reverse("api:measure-list") + f"?programme={programme.pk}"
    return [
        Distribution(
            _("The programme as JSON (API)"),
            absolute(reverse("api:programme-detail", args=[programme.pk])),
            "application/json",
        ),
        Distribution(_("The measures as JSON (API)"), absolute(api_measures), "application/json"),
        Distribution(
            _("The follow-up rounds as JSON (API)"),
            absolute(reverse("api:programme-rounds", args=[programme.pk])),
            "application/json",
        ),
        Distribution(
            _("The measures as CSV"),
            absolute(reverse("programme:measures_csv", args=[programme.pk])),
            "text/csv",
        ),
        Distribution(
            _("The measures as Excel (XLSX)"),
            absolute(reverse("programme:measures_xlsx", args=[programme.pk])),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Distribution(
            _("The programme as PDF"),
            absolute(reverse("programme:pdf_latest", args=[programme.pk])),
            "application/pdf",
        ),
    ]


def dataset_description(
    request, *, programme: Programme, adopted: AdoptedEdition, snapshot: dict
) -> dict:
    """A DCAT-AP-SE dataset (title, description, publisher, issued, modified, licence,
    distributions) for the JSON-LD block of the public page."""
    description = strip_tags(snapshot.get("introduction") or "").strip() or _(
        "The municipality's action programme against prostitution, human trafficking and the "
        "purchase of sexual services, with its measures and their follow-up."
    )
    page = request.build_absolute_uri(reverse("programme:public", args=[programme.pk]))
    dataset = {
        "@context": CONTEXT,
        "@type": "dcat:Dataset",
        "@id": page,
        "dct:title": f"{snapshot.get('title', programme.title)} {programme.period}",
        "dct:description": Truncator(description).chars(1000),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": programme.municipality},
        "dct:modified": {"@value": programme.updated_at.date().isoformat(), "@type": "xsd:date"},
        "dct:license": {"@id": CC0},
        "dcat:landingPage": {"@id": page},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": item.label,
                "dcat:accessURL": {"@id": item.url},
                "dcat:mediaType": item.media_type,
                "dct:license": {"@id": CC0},
            }
            for item in distributions(request, programme=programme)
        ],
    }
    if adopted.decision_date:  # issued: the day the council adopted it
        dataset["dct:issued"] = {"@value": adopted.decision_date.isoformat(), "@type": "xsd:date"}
    return dataset


def json_ld(data: dict) -> str:
    """``data`` as JSON safe inside a ``<script type="application/ld+json">`` data block: the
    characters that could end the element or start markup are written as JSON escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return mark_safe(  # noqa: S308 - escaped above for the script-data context
        text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    )
