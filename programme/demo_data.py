"""Demo content for Skellefteå kommun, drawn from the press release and domain notes.

Data only: ``seed_demo`` turns it into rows through the services.
"""

from datetime import date

COMMITTEES = [
    # (code, name, kind)
    ("KF", "Kommunfullmäktige", "council"),
    ("KS", "Kommunstyrelsen", "executive_board"),
    ("SN", "Socialnämnden", "committee"),
    ("FGN", "För- och grundskolenämnden", "committee"),
    ("GN", "Gymnasienämnden", "committee"),
    ("FN", "Fritidsnämnden", "committee"),
    ("KN", "Kulturnämnden", "committee"),
    ("BMN", "Bygg- och miljönämnden", "committee"),
    ("NSL", "Nämnden för support och lokaler", "committee"),
]

PARTNERS = [
    ("Polisen", "authority"),
    ("Region Västerbotten", "region"),
    ("Länsstyrelsen Västerbotten", "authority"),
    ("Migrationsverket", "authority"),
    ("Åklagarmyndigheten", "authority"),
    ("Talita", "civil_society"),
    ("Frälsningsarmén", "civil_society"),
]

# username, first name, last name, organisation-wide group or None, (committee code, role) or None
USERS = [
    ("samordnare", "Anna", "Lindqvist", "coordinators", ("SN", "officer")),
    ("handlaggare.sn", "Erik", "Nilsson", None, ("SN", "officer")),
    ("handlaggare.ks", "Maria", "Öberg", None, ("KS", "officer")),
    ("ledamot", "Johan", "Berg", "council_members", None),
]
DEMO_PASSWORD = "demo-losenord"  # noqa: S105 - demo-only, printed in the README

ACTION_PLAN_2019 = {
    "title": "Åtgärdsplan mot köp av sexuella tjänster",
    "period_from": 2019,
    "period_to": 2020,
    "introduction": (
        "<p>Socialnämnden upprättade under 2019 en åtgärdsplan mot köp av sexuella tjänster, "
        "inför de stora företagsetableringarna i Skellefteå.</p>"
    ),
    "sections": [
        {
            "kind": "sex_purchase",
            "title": "Köp av sexuella tjänster",
            "goals": "<ul><li>Minskad efterfrågan på sexuella tjänster i Skellefteå.</li></ul>",
            "measures": [
                (
                    "Utbildning för hotell- och taxipersonal",
                    "KS",
                    [],
                    ["Länsstyrelsen Västerbotten"],
                    [2],
                ),
                ("Förbud mot sexköp i kommunens resepolicy", "KS", [], [], [2]),
                (
                    "Samtalsstöd för personer som köper sex",
                    "SN",
                    [],
                    ["Region Västerbotten"],
                    [2, 5],
                ),
            ],
        }
    ],
}

# A year and a half of follow-up of the 2019 plan, recorded after its adoption by the responsible
# committee's officer: per measure, its indicator (text, target, unit) or None, and the updates in
# the order they were made: status, progress, note, indicator value and the date it refers to.
FOLLOW_UP_2019 = {
    "Utbildning för hotell- och taxipersonal": (
        ("Antal utbildade anställda", 120, "personer"),
        [
            (
                "ongoing",
                30,
                "<p>Två utbildningstillfällen har hållits tillsammans med Länsstyrelsen.</p>",
                38,
                date(2019, 12, 31),
            ),
            (
                "delayed",
                55,
                "<p>Utbildningarna gjordes om till webbinarier under pandemin; färre taxibolag "
                "deltog än planerat.</p>",
                71,
                date(2020, 6, 30),
            ),
            # Still delayed: the demo's overdue measure (its due date, 2020-12-31, has passed).
            (
                "delayed",
                60,
                "<p>Alla hotell har fått utbildningen. Två av taxibolagen har bytt ägare och "
                "deras förare ska utbildas på nytt.</p>",
                98,
                date(2020, 12, 31),
            ),
        ],
    ),
    "Förbud mot sexköp i kommunens resepolicy": (
        None,
        [
            (
                "ongoing",
                50,
                "<p>Förslag till ändrad resepolicy är remitterat till förvaltningarna.</p>",
                None,
                None,
            ),
            (
                "completed",
                100,
                "<p>Kommunstyrelsen beslutade om den ändrade resepolicyn. Den gäller även "
                "förtroendevalda.</p>",
                None,
                None,
            ),
        ],
    ),
    "Samtalsstöd för personer som köper sex": (
        ("Antal personer som fått samtalsstöd", 25, "personer"),
        [
            (
                "ongoing",
                40,
                "<p>Samtalsstödet öppnade i januari tillsammans med Region Västerbotten.</p>",
                9,
                date(2020, 3, 31),
            ),
            (
                "completed",
                100,
                "<p>Samtalsstödet är en del av ordinarie verksamhet; <strong>fler</strong> har "
                "sökt stöd än väntat.</p>",
                28,
                date(2020, 12, 31),
            ),
        ],
    ),
}

PROGRAMME = {
    "title": "Handlingsprogram mot prostitution, människohandel och köp av sexuella tjänster",
    "period_from": 2026,
    "period_to": 2029,
    "introduction": (
        "<p>Med ett ökat antal stora företagsetableringar och ett större inflöde av människor i "
        "Skellefteå kommun följer en risk för att köp av sexuella tjänster, prostitution och "
        "människohandel ökar. Programmet utvidgar <strong>åtgärdsplanen mot köp av sexuella "
        "tjänster</strong> från 2019 och följer strukturen i regeringens "
        "<em>Handlingsplan mot prostitution och människohandel</em>.</p>"
        "<p>Socialnämnden samordnar arbetet. Kommunfullmäktige tydliggör de andra nämndernas "
        "uppdrag genom de åtgärder som varje nämnd ansvarar för.</p>"
    ),
}

SECTIONS = [
    {
        "kind": "prostitution",
        "title": "Prostitution",
        "introduction": (
            "<p>Prostitution förekommer både på internet och i fysiska miljöer. Personer som "
            "säljer sex har ofta en utsatt livssituation och behöver stöd från flera aktörer.</p>"
        ),
        "goals": (
            "<ul><li>Personer som säljer sex får tidigt erbjudande om stöd.</li>"
            "<li>Kommunens personal har kunskap att upptäcka och agera.</li></ul>"
        ),
    },
    {
        "kind": "trafficking",
        "title": "Människohandel",
        "introduction": (
            "<p>Människohandel för sexuella ändamål hänger nära samman med prostitution. "
            "Arbetet kräver samordning mellan kommunen, Polisen och andra myndigheter.</p>"
        ),
        "goals": (
            "<ul><li>Tydliga rutiner för samverkan vid misstanke om människohandel.</li>"
            "<li>Utsatta personer får skydd och stöd utan dröjsmål.</li></ul>"
        ),
    },
    {
        "kind": "sex_purchase",
        "title": "Köp av sexuella tjänster",
        "introduction": (
            "<p>Efterfrågan driver prostitution och människohandel. Att minska efterfrågan är "
            "en del av det förebyggande arbetet, i linje med den nationella handlingsplanen.</p>"
        ),
        "goals": (
            "<ul><li>Minskad efterfrågan på sexuella tjänster i Skellefteå.</li>"
            "<li>Ingen verksamhet som kommunen finansierar medverkar till sexköp.</li></ul>"
        ),
    },
]

# Per measure: section index, title, description, responsible, co-responsible, partners,
# focus areas, indicator (text, target, unit), start, due, status, progress.
MEASURES = [
    (
        0,
        "Uppsökande arbete och stöd till personer som säljer sex",
        "Socialtjänsten bedriver uppsökande arbete på internet och i fysiska miljöer och erbjuder "
        "stöd i samarbete med civilsamhället.",
        "SN",
        [],
        ["Talita", "Frälsningsarmén"],
        [3, 5],
        ("Antal personer som fått erbjudande om stöd", 40, "personer"),
        date(2026, 1, 1),
        date(2029, 12, 31),
        "ongoing",
        25,
    ),
    (
        0,
        "Samtalsstöd och vägar ut ur prostitution",
        "Socialtjänstens mottagning erbjuder samtalsstöd, hjälp med boende och kontakt med hälso- "
        "och sjukvården.",
        "SN",
        [],
        ["Region Västerbotten"],
        [5],
        ("Antal påbörjade stödinsatser", 20, "insatser"),
        date(2026, 3, 1),
        date(2027, 12, 31),
        "ongoing",
        30,
    ),
    (
        0,
        "Utbildning om att upptäcka prostitution för socialtjänst och hälso- och sjukvård",
        "Grundutbildning för handläggare och vårdpersonal om tecken på prostitution och hur man "
        "agerar.",
        "SN",
        ["KS"],
        ["Region Västerbotten"],
        [3, 7],
        ("Andel utbildad personal", 80, "%"),
        date(2026, 2, 1),
        date(2026, 11, 30),
        "ongoing",
        60,
    ),
    (
        0,
        "Sexualundervisning och elevhälsoarbete om sexuell exploatering i grundskolan",
        "Undervisningen om sexualitet, samtycke och relationer tar upp sexuell exploatering; "
        "elevhälsan vet hur den agerar vid oro.",
        "FGN",
        [],
        [],
        [2],
        ("Andel skolor med genomförd undervisning", 100, "%"),
        date(2026, 8, 15),
        date(2027, 6, 15),
        "planned",
        0,
    ),
    (
        0,
        "Elevhälsans arbete om sex mot ersättning på gymnasiet",
        "Elevhälsan får metodstöd för samtal om sex mot ersättning och om exploatering på nätet.",
        "GN",
        ["FGN"],
        [],
        [2, 3],
        ("Antal genomförda samtalsgrupper", 12, "grupper"),
        date(2026, 8, 15),
        date(2027, 6, 15),
        "planned",
        0,
    ),
    (
        0,
        "Årlig kartläggning av prostitution till politiken",
        "Socialnämnden sammanställer varje år en kartläggning av prostitutionens omfattning och "
        "former i Skellefteå och redovisar den för kommunfullmäktige.",
        "SN",
        [],
        ["Polisen", "Länsstyrelsen Västerbotten"],
        [7],
        ("Antal redovisade kartläggningar", 4, "rapporter"),
        date(2026, 1, 1),
        date(2029, 12, 31),
        "ongoing",
        25,
    ),
    (
        0,
        "Information om stöd på webben på flera språk",
        "Kommunens webbplats ger information om var man får stöd, på lätt svenska och flera språk.",
        "KS",
        ["SN"],
        [],
        [5],
        ("Antal språk", 6, "språk"),
        date(2026, 4, 1),
        date(2026, 9, 30),
        "delayed",
        50,
    ),
    (
        1,
        "Skriftliga rutiner mellan socialtjänsten och Polisen",
        "Rutiner för samverkan vid misstanke om människohandel; socialsekreterare deltar vid "
        "Polisens insatser.",
        "SN",
        [],
        ["Polisen"],
        [1, 6],
        ("Fastställda rutiner", 1, "st"),
        date(2026, 1, 15),
        date(2026, 6, 30),
        "completed",
        100,
    ),
    (
        1,
        "Stöd och skyddat boende för personer utsatta för människohandel",
        "Socialtjänsten kan erbjuda skyddat boende och stöd enligt den nationella stödprocessen.",
        "SN",
        [],
        ["Länsstyrelsen Västerbotten", "Migrationsverket"],
        [5],
        ("Tid från upptäckt till erbjudet boende", 2, "dygn"),
        date(2026, 1, 1),
        date(2027, 6, 30),
        "ongoing",
        40,
    ),
    (
        1,
        "Tillsyn av lokaler och korttidsuthyrning",
        "Vid tillsyn av lokaler och korttidsuthyrning uppmärksammas tecken på exploatering och "
        "rapporteras enligt rutin.",
        "BMN",
        [],
        ["Polisen"],
        [3],
        ("Antal tillsynsbesök med checklista", 50, "besök"),
        date(2026, 3, 1),
        date(2028, 12, 31),
        "ongoing",
        20,
    ),
    (
        1,
        "Utbildning för lokalvård och fastighetspersonal",
        "Personal som rör sig i kommunens lokaler lär sig känna igen tecken på människohandel.",
        "NSL",
        [],
        ["Länsstyrelsen Västerbotten"],
        [3, 7],
        ("Andel utbildad personal", 75, "%"),
        date(2026, 9, 1),
        date(2027, 5, 31),
        "planned",
        0,
    ),
    (
        1,
        "Krav mot arbetskraftsexploatering i upphandling",
        "Upphandlingar med risk för exploatering innehåller krav på arbetsvillkor och uppföljning.",
        "KS",
        [],
        [],
        [2],
        ("Andel riskupphandlingar med krav", 100, "%"),
        date(2026, 1, 1),
        date(2027, 12, 31),
        "ongoing",
        35,
    ),
    (
        1,
        "Samverkansgrupp mot människohandel",
        "En samverkansgrupp med myndigheter och civilsamhälle träffas fyra gånger per år.",
        "KS",
        ["SN"],
        ["Polisen", "Migrationsverket", "Åklagarmyndigheten", "Länsstyrelsen Västerbotten"],
        [1],
        ("Antal möten per år", 4, "möten"),
        date(2026, 2, 1),
        date(2029, 12, 31),
        "ongoing",
        25,
    ),
    (
        1,
        "Rutiner för att upptäcka människohandel bland nyanlända",
        "Rutiner i mottagandet av nyanlända och ensamkommande för att upptäcka risk för "
        "exploatering.",
        "SN",
        ["FGN"],
        ["Migrationsverket"],
        [3, 5],
        ("Fastställda rutiner", 1, "st"),
        date(2026, 5, 1),
        date(2026, 10, 31),
        "delayed",
        70,
    ),
    (
        2,
        "Mottagning för personer som köper sex, efter modell av KAST",
        "En mottagning erbjuder stödsamtal för personer som köper eller vill sluta köpa sex.",
        "SN",
        [],
        ["Region Västerbotten"],
        [2, 5],
        ("Antal personer som sökt mottagningen", 30, "personer"),
        date(2026, 1, 1),
        date(2027, 12, 31),
        "ongoing",
        45,
    ),
    (
        2,
        "Utbildning för hotell-, taxi- och restaurangpersonal",
        "Personal i besöksnäringen utbildas i att upptäcka och agera vid misstänkt sexköp.",
        "KS",
        [],
        ["Länsstyrelsen Västerbotten", "Polisen"],
        [2, 3],
        ("Antal utbildade verksamheter", 40, "verksamheter"),
        date(2026, 3, 1),
        date(2027, 3, 31),
        "ongoing",
        55,
    ),
    (
        2,
        "Checklistor för boendeanläggningar",
        "Hotell, vandrarhem och korttidsuthyrare får checklistor om tecken på sexköp och "
        "människohandel.",
        "KS",
        ["BMN"],
        ["Länsstyrelsen Västerbotten"],
        [3],
        ("Antal anläggningar som fått checklistan", 60, "anläggningar"),
        date(2026, 4, 1),
        date(2026, 12, 31),
        "ongoing",
        80,
    ),
    (
        2,
        "Krav i hotellupphandling och förbud mot sexköp i resepolicyn",
        "Kommunens resepolicy förbjuder köp av sexuella tjänster på tjänsteresor; "
        "hotellupphandlingar innehåller krav på rutiner.",
        "KS",
        [],
        [],
        [2],
        ("Reviderad resepolicy", 1, "st"),
        date(2026, 1, 1),
        date(2026, 6, 30),
        "completed",
        100,
    ),
    (
        2,
        "Villkor mot sexköp i bidrag till idrottsföreningar",
        "Föreningar som får kommunala bidrag förbinder sig att motverka sexköp.",
        "FN",
        [],
        [],
        [2],
        ("Andel bidragsavtal med villkoret", 100, "%"),
        date(2027, 1, 1),
        date(2027, 12, 31),
        "planned",
        0,
    ),
    (
        2,
        "Villkor mot sexköp i kulturbidrag och evenemangsstöd",
        "Arrangörer som får kulturbidrag eller evenemangsstöd förbinder sig att motverka sexköp.",
        "KN",
        ["FN"],
        [],
        [2],
        ("Andel bidragsavtal med villkoret", 100, "%"),
        date(2027, 1, 1),
        date(2027, 12, 31),
        "planned",
        0,
    ),
    (
        2,
        "Kampanj mot efterfrågan vid stora etableringar och evenemang",
        "Informationskampanj riktad till nyinflyttad arbetskraft och besökare vid stora evenemang.",
        "KS",
        ["SN"],
        ["Polisen"],
        [2],
        ("Antal kampanjperioder", 3, "perioder"),
        date(2026, 6, 1),
        date(2028, 12, 31),
        "ongoing",
        30,
    ),
    (
        2,
        "Samtal om maskulinitet och sexköp på fritidsgårdar",
        "Fritidsledare håller samtal med unga om normer, maskulinitet och sexköp.",
        "FN",
        [],
        ["Frälsningsarmén"],
        [2],
        ("Antal genomförda samtalsträffar", 24, "träffar"),
        date(2026, 9, 1),
        date(2028, 6, 30),
        "planned",
        0,
    ),
]

# The adopted 2019 plan's yearly follow-up rounds (seed_demo runs them through the round
# services): a closed one with every committee's part ready, and an open one in which
# Socialnämnden has reported and marked its part ready while Kommunstyrelsen has not.
# name, period (from, to), deadline, {committee code: (note, progress added, decision or None)}
ROUNDS = [
    (
        "Uppföljning 2025",
        (date(2025, 1, 1), date(2025, 12, 31)),
        date(2026, 2, 13),
        {
            "SN": (
                "<p>Insatsen har fortsatt inom ordinarie verksamhet under året.</p>",
                10,
                (date(2026, 2, 10), "§ 14", "SN 2026/12"),
            ),
            "KS": (
                "<p>Insatsen har fortsatt i samverkan med länsstyrelsen och polisen.</p>",
                10,
                (date(2026, 2, 11), "§ 31", "KS 2026/40"),
            ),
        },
    ),
    (
        "Uppföljning 2026",
        (date(2026, 1, 1), date(2026, 12, 31)),
        date(2027, 2, 12),
        {
            "SN": (
                "<p>Insatsen har nått fler under året än året innan.</p>",
                15,
                (date(2027, 1, 28), "§ 9", "SN 2027/3"),
            ),
        },
    ),
]
