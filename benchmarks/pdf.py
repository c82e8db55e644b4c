"""Benchmark of the programme PDF: ``python -m benchmarks.pdf``.

Renders generated programmes of 50, 300 and 1000 measures (Swedish content, every field filled)
with the production PDF variant and tagging, each in a fresh process so that ``peak_mb`` is that
size's own peak, and prints one JSON line per size; then one line for asking again for the
unchanged 300-measure programme (``cache_hit``), and one for the follow-up report of a closed
reporting round of a 300-measure programme (``follow_up_report``; ``--report-sizes`` to change). Data lives in an in-memory SQLite database
unless DATABASE_URL is set, and is rolled back either way: nothing is left behind.

``--without NAME …`` switches adjustments of programme/documents/weasyprint_tuning.py off, to
measure what each buys (after a WeasyPrint or pydyf upgrade: run with and without, back to back);
it leaves out the cache hit, which does not render.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal

import django

SIZES = (50, 300, 1000)
CACHE_SIZE = 300
REPORT_SIZES = (300,)

SECTION_TITLES = ("Prostitution", "Människohandel", "Köp av sexuella tjänster")
MEASURE_TITLES = (
    "Uppsökande arbete och stöd till personer som säljer sex",
    "Skriftliga rutiner för samverkan mellan socialtjänst och Polisen",
    "Mottagning för personer som köper sex, efter förebild från KAST",
    "Utbildning för hotell-, taxi- och restaurangpersonal om att upptäcka exploatering",
    "Krav i upphandlingen av hotell och förbud mot sexköp i resepolicyn",
    "Sexualundervisning och elevhälsoarbete om sexuell exploatering",
    "Villkor mot sexköp i bidrag till föreningar",
    "Tillsyn av lokaler och korttidsuthyrning som kan avslöja exploatering",
    "Årlig kartläggning av prostitution och människohandel till politiken",
)
DESCRIPTION = (
    "<p>Socialtjänsten och Polisen tar fram gemensamma rutiner för hur misstankar om "
    "människohandel för sexuella ändamål hanteras, så att ingen utsatt person faller mellan "
    "stolarna. Rutinerna omfattar även jourtid och helger.</p>"
    "<p>Arbetet följer den nationella handlingsplanen och utgår från att minskad efterfrågan "
    "är en del av det förebyggande arbetet. Åtgärden genomförs i samverkan med Länsstyrelsen "
    "Västerbotten, Region Västerbotten och civilsamhällets organisationer.</p>"
)
OUTCOME = (
    "<ul><li>Fler personer som säljer sex får tidigt erbjudande om stöd.</li>"
    "<li>Personalen vet hur den agerar vid misstanke om exploatering.</li></ul>"
)
RESOURCES = "<p>Ryms inom befintlig budget; 0,5 årsarbetare samordnare under 2026–2027.</p>"
PROGRESS_NOTE = (
    "<p>Rutinerna är beslutade och utbildningen har genomförts för två av tre enheter. "
    "Återstående enhet utbildas under hösten.</p>"
)
COMMITTEES = (
    ("KS", "Kommunstyrelsen"),
    ("SN", "Socialnämnden"),
    ("FGN", "För- och grundskolenämnden"),
    ("GN", "Gymnasienämnden"),
    ("FN", "Fritidsnämnden"),
    ("KN", "Kulturnämnden"),
    ("BMN", "Bygg- och miljönämnden"),
    ("NSL", "Nämnden för support och lokaler"),
)
PARTNERS = (
    "Polisen",
    "Region Västerbotten",
    "Länsstyrelsen Västerbotten",
    "Migrationsverket",
    "Talita",
)


def build_programme(measures: int, *, actor=None):
    """Create a programme with ``measures`` measures spread over three sections; return it."""
    from django.conf import settings

    from committees.services import committee_get_or_create, partner_get_or_create
    from measures.models import FocusArea, Measure
    from programme.drafting.services import programme_create, section_create

    committees = [committee_get_or_create(name=name, code=code) for code, name in COMMITTEES]
    partners = [partner_get_or_create(name=name) for name in PARTNERS]
    areas = list(FocusArea.objects.order_by("number"))
    programme = programme_create(
        actor=actor,
        title="Handlingsprogram mot prostitution, människohandel och köp av sexuella tjänster",
        municipality=settings.MUNICIPALITY_NAME,
        period_from=2026,
        period_to=2029,
        owning_committee=committees[1],
        introduction="<p>Skellefteå växer; med etableringarna följer en risk att sexköp ökar.</p>",
    )
    sections = [
        section_create(
            actor=actor,
            programme=programme,
            title=title,
            introduction="<p>Avsnittets bakgrund: läget i Skellefteå och i Västerbotten.</p>",
            goals="<ul><li>Minskad efterfrågan.</li><li>Stöd utan dröjsmål.</li></ul>",
        )
        for title in SECTION_TITLES
    ]
    rows = []
    for index in range(measures):
        section = sections[index % len(sections)]
        start = date(2026, 1, 1) + timedelta(days=index % 300)
        rows.append(
            Measure(
                section=section,
                order=index // len(sections) + 1,
                title=f"{MEASURE_TITLES[index % len(MEASURE_TITLES)]} ({index + 1})",
                description=DESCRIPTION,
                responsible_committee=committees[index % len(committees)],
                expected_outcome=OUTCOME,
                indicator="Andel av målgruppen som nåtts av insatsen",
                indicator_target=Decimal("80.5"),
                indicator_unit="%",
                start_date=start,
                due_date=start + timedelta(days=540),
                resources=RESOURCES,
                status=Measure.Status.ONGOING,
                progress=(index * 7) % 101,
                progress_note=PROGRESS_NOTE,
                indicator_value=Decimal("42"),
            )
        )
    created = Measure.objects.bulk_create(rows)
    links = {"co": [], "partners": [], "areas": []}
    for index, measure in enumerate(created):
        for step in (1, 2):
            links["co"].append(
                Measure.co_responsible_committees.through(
                    measure=measure, committee=committees[(index + step) % len(committees)]
                )
            )
            links["partners"].append(
                Measure.partners.through(
                    measure=measure, partner=partners[(index + step) % len(partners)]
                )
            )
            if areas:
                links["areas"].append(
                    Measure.focus_areas.through(
                        measure=measure, focusarea=areas[(index + step) % len(areas)]
                    )
                )
    Measure.co_responsible_committees.through.objects.bulk_create(links["co"])
    Measure.partners.through.objects.bulk_create(links["partners"])
    Measure.focus_areas.through.objects.bulk_create(links["areas"])
    return programme


def _switch_off(name: str) -> None:
    """Undo one adjustment of programme.documents.weasyprint_tuning in this process."""
    import pydyf
    import weasyprint

    from programme.documents import render  # noqa: F401  (installs the adjustments first)
    from programme.documents import weasyprint_tuning as tuning

    if name == "page_references":
        pydyf.PDF.page_references = tuning.PYDYF_PAGE_REFERENCES
    elif name == "ua_stylesheet":
        tuning.ProgrammeHTML = weasyprint.HTML
    elif name == "gc":
        tuning.render_without_collecting = lambda layout: layout()
    elif name == "pack_streams":
        tuning.pack_streams_when_drawn = lambda document: None
    elif name == "release_pages":
        tuning.release_pages = None


ADJUSTMENTS = ("page_references", "ua_stylesheet", "gc", "pack_streams", "release_pages")


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _measure_one(measures: int, cache_hit: bool, without: list[str]) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from programme.documents import jobs as rendering
    from programme.documents import render as pdf
    from programme.documents import worker
    from programme.documents.document import DocumentKind
    from programme.documents.selectors import programme_document_context

    for name in without:
        _switch_off(name)
    call_command("migrate", verbosity=0)
    lines = []
    with transaction.atomic():
        actor = get_user_model().objects.create(username="benchmark")
        programme = build_programme(measures, actor=actor)
        started = time.perf_counter()
        document = programme_document_context(programme=programme, kind=DocumentKind.FOLLOW_UP)
        html = pdf.document_html(document)
        templated = time.perf_counter()
        cpu_started = time.process_time()
        content, pages = pdf.html_to_pdf(html)
        cpu_s = time.process_time() - cpu_started
        finished = time.perf_counter()
        lines.append(
            {
                "measures": measures,
                "pages": pages,
                "size_kb": len(content) // 1024,
                "data_template_s": round(templated - started, 3),
                "weasyprint_s": round(finished - templated, 3),
                # CPU seconds of this process: steadier than wall time on a shared machine.
                "weasyprint_cpu_s": round(cpu_s, 2),
                "total_s": round(finished - started, 3),
                "project_share": round((templated - started) / (finished - started), 3),
                "peak_mb": _peak_mb(),
                **({"without": without} if without else {}),
            }
        )
        if cache_hit:
            job = rendering.render_job_request(
                actor=actor, programme=programme, kind=DocumentKind.FOLLOW_UP
            )
            # Queued on commit, which never comes (rolled back): the render runs here instead.
            worker.render_job_run(job_id=job.pk)
            timings = []
            for _ in range(5):
                started = time.perf_counter()
                again = rendering.render_job_request(
                    actor=actor, programme=programme, kind=DocumentKind.FOLLOW_UP
                )
                timings.append(time.perf_counter() - started)
            lines.append(
                {
                    "measures": measures,
                    "cache_hit": again.reused_from_id is not None and again.status == "done",
                    "total_s": round(statistics.median(timings), 4),
                    "runs": len(timings),
                }
            )
            again.file.storage.delete(again.file.name)
        transaction.set_rollback(True)
    return lines


def build_closed_round(programme, *, actor):
    """Adopt ``programme``, open a round, report on every measure in it, mark every committee's
    part ready under a decision and close it (the snapshot the report is printed from)."""
    from measures.follow_up.round_services import round_close, round_open
    from measures.models import Measure, ProgressUpdate, RoundPart
    from programme.models import Programme

    Programme.objects.filter(pk=programme.pk).update(
        status=Programme.Status.ADOPTED,
        decision_date=date(2025, 12, 15),
        decision_paragraph="KF § 201",
        case_number="KS 2025-000321",
    )
    programme.refresh_from_db()
    reporting_round = round_open(
        actor=actor,
        programme=programme,
        name="Uppföljning 2027",
        period_from=date(2027, 1, 1),
        period_to=date(2027, 12, 31),
        deadline=date(2028, 2, 15),
    )
    statuses = list(Measure.Status.values)
    measures = list(Measure.objects.filter(section__programme=programme).order_by("pk"))
    # A quarter of the measures were due before the round closes: the overdue list has rows.
    Measure.objects.filter(pk__in=[m.pk for m in measures[::4]]).update(due_date=date(2026, 1, 31))
    # Every measure's report in the round: bulk, as build_programme creates the measures.
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            measure=measure,
            round=reporting_round,
            status=statuses[index % len(statuses)],
            progress=(index * 11) % 101,
            note=PROGRESS_NOTE,
            indicator_value=Decimal("42"),
            indicator_date=date(2027, 12, 31),
            author=actor,
            signed_by="Erik Nilsson, Socialnämnden",
            committee_id=measure.responsible_committee_id,
        )
        for index, measure in enumerate(measures)
    )
    RoundPart.objects.filter(round=reporting_round).update(
        state=RoundPart.State.READY,
        ready_at=reporting_round.opened_at,
        decision_date=date(2028, 2, 10),
        decision_paragraph="§ 14",
        case_number="2028/12",
    )
    return round_close(actor=actor, reporting_round=reporting_round)


def _measure_report(measures: int) -> dict:
    """The follow-up report of a closed round of a ``measures``-measure programme."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from programme.documents.render import html_to_pdf
    from programme.documents.round_report_render import round_report_html
    from programme.documents.round_report_selectors import (
        round_report_document,
        round_report_round,
    )

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        actor = get_user_model().objects.create(username="benchmark", is_superuser=True)
        programme = build_programme(measures, actor=actor)
        closed = build_closed_round(programme, actor=actor)
        started = time.perf_counter()
        document = round_report_document(reporting_round=round_report_round(pk=closed.pk))
        html = round_report_html(document)
        templated = time.perf_counter()
        cpu_started = time.process_time()
        content, pages = html_to_pdf(html)
        cpu_s = time.process_time() - cpu_started
        finished = time.perf_counter()
        transaction.set_rollback(True)
    return {
        "follow_up_report": True,
        "measures": measures,
        "overdue": len(document.overdue),
        "pages": pages,
        "size_kb": len(content) // 1024,
        "data_template_s": round(templated - started, 3),
        "weasyprint_s": round(finished - templated, 3),
        "weasyprint_cpu_s": round(cpu_s, 2),
        "total_s": round(finished - started, 3),
        "project_share": round((templated - started) / (finished - started), 3),
        "peak_mb": _peak_mb(),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cache-hit", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--report", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--report-sizes",
        type=int,
        nargs="*",
        default=list(REPORT_SIZES),
        help="measures in the programmes whose follow-up report is rendered",
    )
    parser.add_argument(
        "--without",
        nargs="*",
        default=[],
        choices=ADJUSTMENTS,
        help="adjustments of programme/documents/weasyprint_tuning.py to switch off",
    )
    args = parser.parse_args(argv)
    if args.one is None:
        cache_lines = []
        for size in args.sizes:
            command = [sys.executable, "-m", "benchmarks.pdf", "--one", str(size)]
            if size == CACHE_SIZE and not args.without:  # the adjustments are not on its path
                command.append("--cache-hit")
            if args.without:
                command += ["--without", *args.without]
            result = subprocess.run(command, check=True, capture_output=True, text=True)
            for line in result.stdout.splitlines():
                if '"cache_hit"' in line:
                    cache_lines.append(line)
                else:
                    print(line, flush=True)
        for line in cache_lines:
            print(line, flush=True)
        for size in args.report_sizes if not args.without else ():
            command = [sys.executable, "-m", "benchmarks.pdf", "--one", str(size), "--report"]
            result = subprocess.run(command, check=True, capture_output=True, text=True)
            print(result.stdout.strip(), flush=True)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handlingsprogram.settings.dev")
    os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="hp-benchmark-"))

    django.setup()
    if args.report:
        print(json.dumps(_measure_report(args.one)), flush=True)
        return
    for line in _measure_one(args.one, args.cache_hit, args.without):
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
