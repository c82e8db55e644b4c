from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from committees.admin import SuperuserObjectPermissionsMixin
from core.admin_mixins import ReadOnlyContentAdmin

from .models import FocusArea, Measure, ProgressUpdate, ReportingRound, RoundPart
from .permissions import FOLLOW_UP_FIELDS


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "active"]
    list_editable = ["active"]


@admin.register(Measure)
class MeasureAdmin(ReadOnlyContentAdmin, SuperuserObjectPermissionsMixin, SimpleHistoryAdmin):
    """Measures, to look up. The follow-up is the follow-up service's alone (its permissions,
    timeline and rounds), so it stays read-only even on pages that offer a form, such as a
    historical version's."""

    list_display = ["title", "section", "order", "responsible_committee", "status", "due_date"]
    list_filter = ["status", "responsible_committee", "section__programme"]
    search_fields = ["title", "description"]
    filter_horizontal = ["co_responsible_committees", "partners", "focus_areas"]
    autocomplete_fields = ["responsible_committee"]
    readonly_fields = FOLLOW_UP_FIELDS


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyContentAdmin, admin.ModelAdmin):
    """The follow-up timeline, to look up; entries are added by the follow-up service only."""

    list_display = ["measure", "kind", "status", "progress", "author", "committee", "created_at"]
    list_filter = ["kind", "status", "committee"]
    list_select_related = ["measure__section", "author", "committee"]
    date_hierarchy = "created_at"


class RoundPartInline(ReadOnlyContentAdmin, admin.TabularInline):
    model = RoundPart
    extra = 0


@admin.register(ReportingRound)
class ReportingRoundAdmin(ReadOnlyContentAdmin, admin.ModelAdmin):
    """The reporting rounds, to look up; the round services open, report on and close them."""

    list_display = ["name", "programme", "deadline", "state", "closed_at"]
    list_filter = ["state"]
    list_select_related = ["programme"]
    inlines = [RoundPartInline]
