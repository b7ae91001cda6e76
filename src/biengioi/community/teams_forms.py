"""Forms of the self-management teams: the list filters, a team (markers typed by identifier, as
on the ground), a member, an activity and a yearly review."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import MemberKind, ReviewGrade, TeamKind


def _all(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("Tất cả")), *choices]


class TeamFilterForm(forms.Form):
    unit_id = forms.TypedChoiceField(
        label=_("Đồn hướng dẫn"), required=False, coerce=int, empty_value=None
    )
    commune_id = forms.TypedChoiceField(
        label=_("Xã, phường"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Mô hình"), required=False, choices=_all(TeamKind.choices))
    q = SearchField()

    def __init__(self, *args: Any, units: list, communes: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))
        with_choices(self.fields["commune_id"], communes, _("Tất cả"))


class TeamForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đồn hướng dẫn"), coerce=int)
    kind = forms.ChoiceField(label=_("Mô hình"), choices=TeamKind.choices)
    name = forms.CharField(label=_("Tên tổ"), max_length=200)
    commune_id = forms.TypedChoiceField(label=_("Xã, phường"), coerce=int)
    village = forms.CharField(label=_("Thôn, bản"), max_length=120, required=False)
    founded_on = DayField(label=_("Ngày thành lập"))
    leader = forms.CharField(label=_("Tổ trưởng"), max_length=150, required=False)
    km_managed = forms.DecimalField(
        label=_("Đường biên tự quản (km)"),
        required=False,
        max_digits=9,
        decimal_places=3,
        localize=True,
    )
    markers = forms.CharField(
        label=_("Mốc tự quản (số hiệu)"),
        required=False,
        max_length=4000,
        help_text=_("Số hiệu các mốc, cách nhau bởi dấu phẩy; đều thuộc xã, phường của tổ."),
        widget=forms.TextInput(attrs={"placeholder": "600, 601, 602(1)"}),
    )
    vessels_managed = forms.IntegerField(label=_("Tàu thuyền tự quản"), required=False, min_value=0)
    funding_vnd = forms.DecimalField(
        label=_("Kinh phí được hỗ trợ (đồng)"),
        required=False,
        max_digits=15,
        decimal_places=0,
        localize=True,
    )
    funding_source = forms.CharField(label=_("Nguồn kinh phí"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, units: list | None, communes: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["commune_id"], communes, None)


class MemberForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Thành phần"), choices=MemberKind.choices)
    name = forms.CharField(label=_("Tên tập thể, hộ, cá nhân"), max_length=200)
    registered_on = DayField(label=_("Ngày đăng ký"))
    left_on = DayField(label=_("Ngày rời tổ"), required=False)


class ActivityForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    on = DayField(label=_("Ngày"))
    summary = forms.CharField(
        label=_("Nội dung hoạt động"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=9999)
    held_on = DayField(label=_("Ngày bình xét"))
    grade = forms.ChoiceField(label=_("Xếp loại"), choices=ReviewGrade.choices)
    note = forms.CharField(
        label=_("Nhận xét"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
