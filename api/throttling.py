"""Rate limit for anonymous callers: DRF's AnonRateThrottle, its rate read from the settings on
every request (``API_ANON_THROTTLE_RATE``) so an installation can change it without code, and
counted in the cache ``API_THROTTLE_CACHE`` names (a shared one holds the limit across processes)."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle


class AnonymousCallerThrottle(AnonRateThrottle):
    def __init__(self):
        self.cache = caches[settings.API_THROTTLE_CACHE]
        super().__init__()

    def get_rate(self):
        return settings.API_ANON_THROTTLE_RATE
