"""What every editing view does the same way: permission, form errors, conflicts, history pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .editing import ConcurrentEditError, changes_since

INVALID = 400
CONFLICT = 409


def apply_service_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors next to the fields they concern (or at the top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def render_form(request, template: str, context: dict, *, status: int = 200):
    return render(request, template, context, status=status)


def conflict_context(error: ConcurrentEditError, form) -> dict:
    """What the other person changed since the user opened the form; the form keeps its input."""
    changes, people = changes_since(error.current, int(form.data.get("edit_token") or 0))
    # The user may save over the other editor's text on purpose: the next save names the current token.
    data = form.data.copy()
    data["edit_token"] = error.current.edit_token
    form.data = data
    return {"conflict": {"changes": changes, "people": people}}


def save_or_rerender(request, form, save, *, template: str, context: dict, success_url, message):
    """Validate ``form``, call ``save(form)`` (one service), then redirect; or re-render with a 4xx."""
    if form.is_valid():
        try:
            save(form)
        except ConcurrentEditError as error:
            form.add_error(None, error)
            context = {**context, **conflict_context(error, form), "form": form}
            return render_form(request, template, context, status=CONFLICT)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, message() if callable(message) else message)
            return redirect(success_url() if callable(success_url) else success_url)
    return render_form(request, template, {**context, "form": form}, status=INVALID)


def posted_int(value) -> int | None:
    """A posted whole number, or None for anything else (hostile input gets a 4xx, not a 500)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 2**31 else None


def history_record(model, obj, history_id: int):
    return get_object_or_404(model.history, history_id=history_id, id=obj.pk)


def restore_value(request, *, obj, restore, fields, redirect_to):
    """POST: put one field back to its value in a history record, via ``restore`` (a service)."""
    if request.method != "POST":
        return redirect(redirect_to)
    record = history_record(type(obj), obj, posted_int(request.POST.get("record")) or 0)
    field = request.POST.get("field", "")
    if field not in fields:
        messages.error(request, _("That field cannot be restored here."))
        return redirect(redirect_to, permanent=False)
    try:
        edit_token = posted_int(request.POST.get("edit_token")) or 0
        restore(record=record, field=field, edit_token=edit_token)
    except ConcurrentEditError:
        messages.error(
            request,
            _("Someone else changed this after you opened the history. Check it and try again."),
        )
        return redirect(redirect_to)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(redirect_to)
    label = type(obj)._meta.get_field(field).verbose_name
    messages.success(request, _("The earlier value of “%(field)s” is restored.") % {"field": label})
    return redirect(redirect_to)
