"""The production settings plus one trivial view, for ``python -m benchmarks.pages``."""

from handlingsprogram.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
