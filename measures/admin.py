from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from committees.admin import SuperuserObjectPermissionsMixin
from core.admin_mixins import ReadOnlyContentAdmin

from .models import FocusArea, Measure


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "active"]
    list_editable = ["active"]


@admin.register(Measure)
class MeasureAdmin(ReadOnlyContentAdmin, SuperuserObjectPermissionsMixin, SimpleHistoryAdmin):
    list_display = ["title", "section", "order", "responsible_committee", "status", "due_date"]
    list_filter = ["status", "responsible_committee", "section__programme"]
    search_fields = ["title", "description"]
    filter_horizontal = ["co_responsible_committees", "partners", "focus_areas"]
    autocomplete_fields = ["responsible_committee"]
