"""Build the archive packages that are missing: ``build_archive_packages``.

Normally the worker builds each package when the adopted PDF is done; this catches up after a
broker outage or a failed build, and files programmes adopted before packages existed.
"""

from django.core.management.base import BaseCommand

from programme.documents import archive, jobs
from programme.models import AdoptedEdition, RenderJob


class Command(BaseCommand):
    help = "Build the e-archive package of every adopted edition that has none yet."

    def handle(self, *args, **options):
        for adopted_id in archive.archive_packages_missing():
            package = archive.archive_package_build(adopted_edition_id=adopted_id)
            if package is not None:
                self.stdout.write(f"Built {package.file.name} for adopted edition {adopted_id}.")
                continue
            # No finished PDF yet: ask for it; its completion builds the package.
            adopted = AdoptedEdition.objects.select_related("programme").get(pk=adopted_id)
            job = jobs.render_job_request(
                actor=None, programme=adopted.programme, kind=RenderJob.Kind.ADOPTED
            )
            job.refresh_from_db()
            built = AdoptedEdition.objects.filter(pk=adopted_id, archive_package__isnull=False)
            if built.exists():
                self.stdout.write(f"Rendered the PDF and built the package of {adopted_id}.")
            else:
                self.stdout.write(
                    f"Asked for the adopted PDF of {adopted_id} ({job.get_status_display()}); "
                    "the worker builds the package when it is done."
                )
