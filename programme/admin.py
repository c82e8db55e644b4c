from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_mixins import ReadOnlyContentAdmin

from .models import Programme, Section


class SectionInline(ReadOnlyContentAdmin, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "kind", "title"]
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyContentAdmin, SimpleHistoryAdmin):
    list_display = ["title", "period_from", "period_to", "edition", "status", "owning_committee"]
    list_filter = ["status", "owning_committee"]
    search_fields = ["title"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(ReadOnlyContentAdmin, SimpleHistoryAdmin):
    list_display = ["title", "programme", "order", "kind"]
    list_filter = ["kind", "programme"]
    search_fields = ["title"]
