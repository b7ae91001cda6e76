"""Forms of marker repairs: the list filters, opening a repair, the next step."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import PROBLEMS, RepairOutcome, RepairStage


class RepairFilterForm(forms.Form):
    q = SearchField()
    start = DayField(label=_("Phát hiện từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[("", _("Tất cả")), ("open", _("Đang theo dõi")), ("closed", _("Đã kết thúc"))],
    )
    stage = forms.ChoiceField(
        label=_("Bước hiện tại"), required=False, choices=[("", _("Tất cả")), *RepairStage.choices]
    )
    unit_id = forms.TypedChoiceField(
        label=_("Đồn phụ trách"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


class RepairOpenForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    marker_id = forms.TypedChoiceField(label=_("Mốc"), coerce=int)
    problem = forms.ChoiceField(
        label=_("Tình trạng"), choices=[(p.value, p.label) for p in PROBLEMS]
    )
    detected_on = DayField(label=_("Ngày phát hiện"))
    description = forms.CharField(
        label=_("Mô tả"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, markers: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["marker_id"], markers, None)


class RepairStepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    stage = forms.ChoiceField(label=_("Bước"), choices=RepairStage.choices)
    on = DayField(label=_("Ngày"))
    outcome = forms.ChoiceField(
        label=_("Kết quả (khi sửa chữa, thay thế xong)"),
        required=False,
        choices=[("", "—"), *RepairOutcome.choices],
    )
    note = forms.CharField(
        label=_("Nội dung"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
