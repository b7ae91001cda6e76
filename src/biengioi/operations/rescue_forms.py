"""Forms of the rescue pages: the list's filters and an operation."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import RescueKind


class RescueFilterForm(forms.Form):
    q = SearchField()
    start = DayField(label=_("Bắt đầu từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả")), *RescueKind.choices]
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, initial=0)


class RescueForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    kind = forms.ChoiceField(label=_("Loại"), choices=RescueKind.choices)
    title = forms.CharField(label=_("Tóm tắt"), max_length=200)
    started_on = DayField(label=_("Ngày bắt đầu"))
    ended_on = DayField(label=_("Ngày kết thúc (để trống: đang diễn ra)"), required=False)
    commune_id = forms.TypedChoiceField(
        label=_("Xã, phường"), required=False, coerce=int, empty_value=None
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    lon = forms.DecimalField(
        label=_("Kinh độ"),
        required=False,
        max_digits=10,
        decimal_places=7,
        localize=True,
        help_text=_("Vị trí trên bản đồ (WGS84), nếu biết; để trống cả hai nếu không."),
    )
    lat = forms.DecimalField(
        label=_("Vĩ độ"), required=False, max_digits=10, decimal_places=7, localize=True
    )
    rescued = _count(_("Số người được cứu"))
    evacuated = _count(_("Số người được sơ tán"))
    deaths = _count(_("Số người chết"))
    missing = _count(_("Số người mất tích"))
    property_saved = forms.CharField(
        label=_("Tài sản cứu được"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    property_value = forms.IntegerField(
        label=_("Giá trị tài sản cứu được (đồng)"), required=False, min_value=0, localize=True
    )
    border_guards = _count(_("Cán bộ, chiến sĩ biên phòng"))
    militia = _count(_("Dân quân"))
    other_forces = _count(_("Lực lượng khác"))
    vehicles = _count(_("Phương tiện, tàu thuyền"))
    description = forms.CharField(
        label=_("Diễn biến, kết quả"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, units: list | None, communes: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:  # editing: the unit stays, the version is checked
            del self.fields["unit_id"], self.fields["client_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
            del self.fields["version"]
        with_choices(self.fields["commune_id"], communes, "—")
