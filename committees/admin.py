from django.contrib import admin
from django.core.exceptions import PermissionDenied
from guardian.admin import GuardedModelAdminMixin

from . import services
from .models import Committee, Membership, Partner


class SuperuserObjectPermissionsMixin(GuardedModelAdminMixin):
    """Guardian's "Object permissions" pages in the admin, for superusers only.

    Day-to-day grants follow the assignment (``measures.services``); this is the superuser's
    inspection and repair tool.
    """

    def obj_perms_manage_view(self, request, object_pk):
        self._require_superuser(request)
        return super().obj_perms_manage_view(request, object_pk)

    def obj_perms_manage_user_view(self, request, object_pk, user_id):
        self._require_superuser(request)
        return super().obj_perms_manage_user_view(request, object_pk, user_id)

    def obj_perms_manage_group_view(self, request, object_pk, group_id):
        self._require_superuser(request)
        return super().obj_perms_manage_group_view(request, object_pk, group_id)

    @staticmethod
    def _require_superuser(request):
        if not request.user.is_superuser:
            raise PermissionDenied


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class MembershipServiceMixin:
    """Admin saves and deletes memberships through the services, so the group follows the seat.

    The admin's own model permissions decide who may do this there, hence ``actor=None``.
    """

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # fills new, changed and deleted objects; writes nothing
        for membership in formset.deleted_objects:
            services.membership_remove(actor=None, membership=membership)
        for membership, _fields in formset.changed_objects:
            services.membership_change(
                actor=None,
                membership=membership,
                user=membership.user,
                committee=membership.committee,
                role=membership.role,
            )
        for membership in formset.new_objects:
            services.membership_add(
                user=membership.user, committee=membership.committee, role=membership.role
            )
        return None


@admin.register(Committee)
class CommitteeAdmin(MembershipServiceMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.committee_ensure_group(committee=obj)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "committee", "role"]
    list_filter = ["committee", "role"]
    autocomplete_fields = ["user", "committee"]

    def save_model(self, request, obj, form, change):
        if change:
            membership = services.membership_change(
                actor=None, membership=obj, user=obj.user, committee=obj.committee, role=obj.role
            )
        else:
            membership = services.membership_add(
                user=obj.user, committee=obj.committee, role=obj.role
            )
        obj.pk = membership.pk

    def delete_model(self, request, obj):
        services.membership_remove(actor=None, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "committee"):
            services.membership_remove(actor=None, membership=membership)
