"""The archive package's XML: the METS document (E-ARK CSIP/SIP 2.1) and the EAD3 description.

Built as element trees with lxml, not from text templates, so every value is escaped and the
namespaces are right. metsrw (Archivematica's METS library) was tried first: it cannot set the
root's ``TYPE``, ``PROFILE`` and ``csip:`` attributes or ``csip:OAISPACKAGETYPE`` on the header,
and it writes its own structMap (``TYPE="physical"``, ``LABEL="Archivematica default"``) where
CSIP requires ``TYPE="PHYSICAL"`` and ``LABEL="CSIP"`` (README, dependencies).
"""

from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree
from lxml.builder import ElementMaker

METS_NS = "http://www.loc.gov/METS/"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP_NS = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
EAD_NS = "http://ead3.archivists.org/schema/"

SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
SCHEMA_LOCATIONS = " ".join(
    (
        METS_NS,
        "https://www.loc.gov/standards/mets/mets.xsd",
        XLINK_NS,
        "https://www.loc.gov/standards/mets/xlink.xsd",
        CSIP_NS,
        "https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd",
        SIP_NS,
        "https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd",
    )
)
SOFTWARE_NAME = "Handlingsprogram"
PACKAGE_FORMAT_VERSION = "1"

# fileGrp @USE values and structMap labels from the CSIP vocabulary.
DOCUMENTATION = "Documentation"
SCHEMAS = "Schemas"
REPRESENTATION = "Representations/rep1"

M = ElementMaker(
    namespace=METS_NS,
    nsmap={"mets": METS_NS, "xlink": XLINK_NS, "xsi": XSI_NS, "csip": CSIP_NS, "sip": SIP_NS},
)
E = ElementMaker(namespace=EAD_NS, nsmap={None: EAD_NS})


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


@dataclass(frozen=True)
class PackageFile:
    """One file of the package: its path inside the package folder, bytes and media type."""

    path: str
    content: bytes
    mimetype: str
    checksum: str  # SHA-256, hex
    use: str = ""  # the fileGrp it belongs to; "" for metadata files (dmdSec)
    format_name: str = ""

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class Description:
    """What the e-archive needs to know about the adopted programme."""

    package_id: str
    title: str
    document_type: str
    decision_date: date
    decision_paragraph: str
    case_number: str
    decided_by: str
    archive_creator: str
    municipality: str
    edition: int
    created: datetime


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def ead_document(description: Description) -> bytes:
    """The descriptive metadata as EAD3: one item (the adopted programme) with its decision."""
    d = description
    created = _iso(d.created)
    tree = E.ead(
        E.control(
            E.recordid(d.package_id),
            E.filedesc(E.titlestmt(E.titleproper(d.title))),
            E.maintenancestatus(value="new"),
            E.maintenanceagency(E.agencyname(d.municipality)),
            E.languagedeclaration(
                E.language("svenska", langcode="swe"), E.script("latinsk", scriptcode="Latn")
            ),
            E.maintenancehistory(
                E.maintenanceevent(
                    E.eventtype(value="created"),
                    E.eventdatetime(created, standarddatetime=created),
                    E.agenttype(value="machine"),
                    E.agent(f"{SOFTWARE_NAME}, arkivpaketformat {PACKAGE_FORMAT_VERSION}"),
                )
            ),
        ),
        E.archdesc(
            E.did(
                E.unittitle(d.title),
                E.unitid(d.case_number, localtype="diarienummer"),
                E.unitid(d.decision_paragraph, localtype="paragraf"),
                E.unitid(str(d.edition), localtype="version"),
                E.unitdate(
                    d.decision_date.isoformat(),
                    normal=d.decision_date.isoformat(),
                    datechar="beslutsdatum",
                ),
                E.origination(E.corpname(E.part(d.archive_creator)), localtype="arkivbildare"),
                E.langmaterial(E.language("svenska", langcode="swe")),
            ),
            E.controlaccess(
                E.genreform(E.part(d.document_type), localtype="handlingstyp"),
                E.corpname(E.part(d.decided_by), localtype="beslutande"),
            ),
            level="item",
        ),
    )
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _file_attributes(item: PackageFile, created: str) -> dict:
    return {
        "MIMETYPE": item.mimetype,
        "SIZE": str(item.size),
        "CREATED": created,
        "CHECKSUM": item.checksum,
        "CHECKSUMTYPE": "SHA-256",
    }


def _flocat(item: PackageFile):
    return M.FLocat(
        {"LOCTYPE": "URL", _q(XLINK_NS, "type"): "simple", _q(XLINK_NS, "href"): item.path}
    )


def mets_document(
    *, description: Description, metadata: list[PackageFile], files: list[PackageFile]
) -> bytes:
    """The package's METS.xml: header, descriptive metadata, every file with its checksum, map."""
    d = description
    created = _iso(d.created)
    dmd_ids = []
    dmd_secs = []
    for number, item in enumerate(metadata, start=1):
        dmd_id = f"dmd-{number}"
        dmd_ids.append(dmd_id)
        dmd_secs.append(
            M.dmdSec(
                M.mdRef(
                    {
                        "LOCTYPE": "URL",
                        _q(XLINK_NS, "type"): "simple",
                        _q(XLINK_NS, "href"): item.path,
                        "MDTYPE": "EAD",
                        "MDTYPEVERSION": "EAD3",
                        **_file_attributes(item, created),
                    }
                ),
                ID=dmd_id,
                CREATED=created,
                STATUS="CURRENT",
            )
        )

    groups: dict[str, list] = {DOCUMENTATION: [], SCHEMAS: [], REPRESENTATION: []}
    for number, item in enumerate(files, start=1):
        attributes = {"ID": f"file-{number}", **_file_attributes(item, created)}
        if item.format_name:
            attributes[_q(SIP_NS, "FILEFORMATNAME")] = item.format_name
        groups[item.use].append(M.file(_flocat(item), attributes))
    group_ids = {use: f"grp-{use.lower().replace('/', '-')}" for use in groups}
    file_sec = M.fileSec(
        *[
            # CSIP 2.1 allows a content information type on each group; eark-validator 1.1.3's
            # rule CSIP63 wants one on every group, so each group says what it holds.
            M.fileGrp(
                {
                    "ID": group_ids[use],
                    "USE": use,
                    _q(CSIP_NS, "CONTENTINFORMATIONTYPE"): "OTHER",
                    _q(CSIP_NS, "OTHERCONTENTINFORMATIONTYPE"): use,
                },
                *elements,
            )
            for use, elements in groups.items()
        ],
        ID="file-section",
    )

    def division(label: str, use: str, number: int):
        return M.div(M.fptr(FILEID=group_ids[use]), ID=f"div-{number}", LABEL=label)

    struct_map = M.structMap(
        M.div(
            M.div(ID="div-metadata", LABEL="Metadata", DMDID=" ".join(dmd_ids)),
            division("Documentation", DOCUMENTATION, 1),
            division("Schemas", SCHEMAS, 2),
            division("Representations", REPRESENTATION, 3),
            ID="div-package",
            LABEL=d.package_id,
        ),
        ID="structmap-csip",
        TYPE="PHYSICAL",
        LABEL="CSIP",
    )

    root = M.mets(
        {
            "OBJID": d.package_id,
            "LABEL": d.title,
            "TYPE": "Mixed",
            "PROFILE": SIP_PROFILE,
            _q(CSIP_NS, "CONTENTINFORMATIONTYPE"): "MIXED",
            _q(XSI_NS, "schemaLocation"): SCHEMA_LOCATIONS,
        },
        M.metsHdr(
            {
                "CREATEDATE": created,
                "LASTMODDATE": created,
                "RECORDSTATUS": "NEW",
                _q(CSIP_NS, "OAISPACKAGETYPE"): "SIP",
            },
            M.agent(
                {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"},
                M.name(SOFTWARE_NAME),
                M.note(
                    f"arkivpaketformat {PACKAGE_FORMAT_VERSION}",
                    {_q(CSIP_NS, "NOTETYPE"): "SOFTWARE VERSION"},
                ),
            ),
            M.agent(M.name(d.archive_creator), ROLE="ARCHIVIST", TYPE="ORGANIZATION"),
            M.agent(
                M.name(d.municipality), ROLE="OTHER", OTHERROLE="SUBMITTER", TYPE="ORGANIZATION"
            ),
            M.altRecordID(d.case_number, TYPE="REFERENCECODE"),
        ),
        *dmd_secs,
        file_sec,
        struct_map,
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
