"""Run the E-ARK consortium's validator (eark-validator) on a package, offline.

eark-validator 1.1.3 downloads four controlled vocabularies from earkcsip.dilcis.eu when its
schematron module is imported (``eark_validator/ipxml/schematron.py``); without a network that
import fails with ``urllib.error.URLError: <urlopen error [Errno -2] Name or service not known>``.
Everything else it checks is in the wheel. So the vocabularies are answered here through
urllib's public opener hook: the two the wheel also ships as an XML Schema
(DILCISExtensionMETS.xsd) are read from it, the other two are the CSIP 2.1 terms written out.
"""

import urllib.error
import urllib.request
import urllib.response
from email.message import Message
from importlib.resources import files
from io import BytesIO
from pathlib import Path

from lxml import etree

VOCABULARY_BASE = "https://earkcsip.dilcis.eu/schema/"
XS = "{http://www.w3.org/2001/XMLSchema}"

# CSIP 2.1, CSIPVocabularyContentCategory and CSIPVocabularyStatus.
CONTENT_CATEGORIES = (
    "Textual works – Print",
    "Textual works – Digital",
    "Textual works – Electronic Serials",
    "Digital Musical Composition (score-based representations)",
    "Photographs – Print",
    "Photographs – Digital",
    "Other Graphic Images – Print",
    "Other Graphic Images – Digital",
    "Microforms",
    "Audio – On Tangible Medium (digital or analog)",
    "Audio – Media-independent (digital)",
    "Motion Pictures – Digital and Physical Media",
    "Video – File-based and Physical Media",
    "Software",
    "Datasets",
    "Geospatial Data",
    "Databases",
    "Websites",
    "Collection",
    "Email",
    "Mixed",
    "Other",
)
STATUSES = ("CURRENT", "SUPERSEDED")


def _enumeration(attribute: str) -> list[str]:
    schema = files("eark_validator.ipxml.resources.schema").joinpath("DILCISExtensionMETS.xsd")
    tree = etree.parse(str(schema))
    return tree.xpath(
        f"//xs:attribute[@name='{attribute}']//xs:enumeration/@value",
        namespaces={"xs": XS.strip("{}")},
    )


def _vocabulary(terms) -> bytes:
    # The validator reads one <Term> per line.
    lines = ["<Vocabulary>", *(f"  <Term>{term}</Term>" for term in terms), "</Vocabulary>"]
    return "\n".join(lines).encode()


VOCABULARIES = {
    "CSIPVocabularyContentCategory.xml": lambda: CONTENT_CATEGORIES,
    "CSIPVocabularyContentInformationType.xml": lambda: _enumeration("CONTENTINFORMATIONTYPE"),
    "CSIPVocabularyOAISPackageType.xml": lambda: _enumeration("OAISPACKAGETYPE"),
    "CSIPVocabularyStatus.xml": lambda: STATUSES,
}


class _VocabularyHandler(urllib.request.BaseHandler):
    """Answers the validator's vocabulary requests; refuses any other URL."""

    handler_order = 100  # before urllib's own HTTPS handler

    def https_open(self, request):
        url = request.full_url
        name = url.removeprefix(VOCABULARY_BASE)
        if not url.startswith(VOCABULARY_BASE) or name not in VOCABULARIES:
            raise urllib.error.URLError(f"not served offline: {url}")
        body = _vocabulary(VOCABULARIES[name]())
        response = urllib.response.addinfourl(BytesIO(body), Message(), url, 200)
        response.msg = "OK"
        return response


def validate_package(path: Path):
    """eark-validator's full report (structure, METS schema, CSIP and SIP rules) for the
    package folder (or archive) at ``path``."""
    opener = urllib.request.build_opener(_VocabularyHandler())
    urllib.request.install_opener(opener)
    try:
        # Imported here, not at the top: importing it downloads the vocabularies.
        from eark_validator.packages import PackageValidator

        return PackageValidator(path).validation_report
    finally:
        urllib.request.install_opener(None)
