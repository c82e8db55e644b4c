from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: what was recorded and sent, and what keeps failing."""

    list_display = (
        "created_at",
        "recipient",
        "kind",
        "object_key",
        "occasion",
        "sent_at",
        "attempts",
    )
    list_filter = ("kind", "sent_at")
    search_fields = ("recipient__username", "recipient__email", "object_key", "subject")
    list_select_related = ("recipient",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
