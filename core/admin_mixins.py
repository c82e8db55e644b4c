"""Admin pieces shared by the apps."""

from django.core.exceptions import PermissionDenied


class ReadOnlyContentAdmin:
    """Programme content is written in the app, through the services, never in the admin.

    The services check permissions, freeze adopted text, keep identifiers dense, move object
    permissions with the assignment and record who changed what; the admin would skip all of
    that. The admin still lists, shows and searches the rows, and their history.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # No object can be changed. Without an object the question is about the model as a
        # whole, which django-guardian asks before its object-permission pages (superusers').
        return obj is None and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history's page of one historical version, to look at only.

        Its "revert" form saves what is posted after asking for the *view* permission alone
        (django-simple-history 3.x), so a POST would change the row past the rules above.
        """
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
