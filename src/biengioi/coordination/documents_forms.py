"""The form that keeps a file with coordination work (a submission, talks, a conference, a
progress update of a task): its kind (those that fit the owner), the file and a note."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.registry.forms import with_choices


class DocumentForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Loại tệp"))
    # an empty file is refused by the service, with the message of every other refusal
    file = forms.FileField(label=_("Tệp (PDF, JPEG, PNG, DOCX)"), allow_empty_file=True)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args: Any, kinds: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["kind"], kinds, None)
