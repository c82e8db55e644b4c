from django import template
from django.conf import settings

from core.errors import too_large_message

register = template.Library()


@register.inclusion_tag("includes/post_limit.html")
def post_limit_notice() -> dict:
    """The limit on a form post and its message, for static/js/post-limit.js to check before
    sending, so that a too-large text stays in the form instead of being lost on the server."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return {"max_bytes": limit, "message": too_large_message() if limit else ""}
