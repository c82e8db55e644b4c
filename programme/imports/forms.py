"""The upload: one file, read here so that a file that cannot be read is an error at the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .reading import MAX_BYTES, MAX_ROWS, ImportFileError, read_table


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per request, in the reader's language.
        self.fields["file"].help_text = _(
            "With the columns of the export; at most %(megabytes)s MB and %(rows)s measures. "
            "Nothing is saved before you have seen what the import would do and confirmed it."
        ) % {"megabytes": MAX_BYTES // (1024 * 1024), "rows": MAX_ROWS}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB."),
                code="too_large",
                params={"limit": MAX_BYTES // (1024 * 1024)},
            )
        try:
            self.rows = read_table(name=upload.name, content=upload.read())
        except ImportFileError as error:
            raise forms.ValidationError(str(error), code="unreadable") from error
        return upload
