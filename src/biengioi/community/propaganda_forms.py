"""Forms of propaganda and legal education: the list filters, a session (topics ticked from the
province's active list), the spreadsheet import, and a topic of the province's list."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchableCheckboxes
from biengioi.registry.forms import with_choices

from .models import PropagandaForm


class SessionFilterForm(forms.Form):
    start = DayField(label=_("Từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )
    commune_id = forms.TypedChoiceField(
        label=_("Xã, phường"), required=False, coerce=int, empty_value=None
    )
    form = forms.ChoiceField(
        label=_("Hình thức"),
        required=False,
        choices=[("", _("Tất cả")), *PropagandaForm.choices],
    )
    topic_id = forms.TypedChoiceField(
        label=_("Chủ đề"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self, *args: Any, units: list, communes: list, topics: list, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))
        with_choices(self.fields["commune_id"], communes, _("Tất cả"))
        with_choices(self.fields["topic_id"], topics, _("Tất cả"))


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, initial=0, localize=True)  # "1.250" is 1250


class SessionForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị tổ chức"), coerce=int)
    on = DayField(label=_("Ngày"))
    commune_id = forms.TypedChoiceField(label=_("Xã, phường"), coerce=int)
    village = forms.CharField(label=_("Thôn, bản"), max_length=200, required=False)
    form = forms.ChoiceField(label=_("Hình thức"), choices=PropagandaForm.choices)
    topic_ids = forms.TypedMultipleChoiceField(
        label=_("Chủ đề"), coerce=int, required=False, widget=SearchableCheckboxes
    )
    listeners = _count(_("Số người nghe (lượt)"))
    leaflets = _count(_("Tờ rơi"))
    calendars = _count(_("Lịch"))
    handbooks = _count(_("Sổ tay, tài liệu"))
    other_materials = forms.CharField(label=_("Tài liệu khác"), max_length=300, required=False)
    language = forms.CharField(
        label=_("Ngôn ngữ"), max_length=100, required=False, initial="Tiếng Việt"
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, units: list | None, communes: list, topics: list, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:  # an edit keeps the unit that held the session
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["commune_id"], communes, "")
        with_choices(self.fields["topic_ids"], topics, None)


class SessionImportForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị tổ chức"), coerce=int)
    file = forms.FileField(label=_("Tệp (.xlsx, .csv)"))

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, None)


class TopicForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Tên chủ đề"), max_length=200)
    active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)
