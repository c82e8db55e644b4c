"""Rate limit for anonymous callers: DRF's AnonRateThrottle, its rate read from the settings on
every request (``API_ANON_THROTTLE_RATE``) so an installation can change it without code."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousCallerThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_ANON_THROTTLE_RATE
