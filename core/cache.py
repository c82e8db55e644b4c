"""The page cache's Redis backend: Django's own, answering a miss while the server is away.

A cached page fragment (``{% cache %}``) is only a saved render: when the shared cache server
cannot be reached (restarted, out of memory), the page is rendered and answered as if the cache
were empty, and a warning is logged, rather than answered 500. Only the two public methods that
``{% cache %}`` and the PDF's content hash call are wrapped; everything else is Django's.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class FailSoftRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError:
            logger.warning("page cache unavailable for get", exc_info=True)
            return default

    def set(self, key, value, timeout=None, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError:
            logger.warning("page cache unavailable for set", exc_info=True)
