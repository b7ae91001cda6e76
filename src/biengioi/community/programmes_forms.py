"""Forms of the social programmes: the list filters, a beneficiary, an activity and a programme
of the province's list."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import EndReason, ProgrammeKind


def _programme_field(required: bool = True) -> forms.Field:
    return forms.TypedChoiceField(
        label=_("Chương trình"), required=required, coerce=int, empty_value=None
    )


def _unit_field(label: Any, required: bool = True) -> forms.Field:
    return forms.TypedChoiceField(label=label, required=required, coerce=int, empty_value=None)


def _commune_field() -> forms.Field:
    return forms.TypedChoiceField(
        label=_("Xã, phường"), required=False, coerce=int, empty_value=None
    )


def _note(label: Any = None, required: bool = False) -> forms.Field:
    return forms.CharField(
        label=label or _("Ghi chú"),
        required=required,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BeneficiaryFilterForm(forms.Form):
    q = SearchField()
    programme_id = _programme_field(required=False)
    unit_id = _unit_field(_("Đơn vị đỡ đầu"), required=False)
    on = DayField(label=_("Đang được hỗ trợ vào ngày"), required=False)

    def __init__(self, *args: Any, programmes: list, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["programme_id"], programmes, _("Tất cả"))
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


class BeneficiaryForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = _unit_field(_("Đơn vị đỡ đầu"))
    programme_id = _programme_field()
    full_name = forms.CharField(label=_("Họ và tên"), max_length=100)
    birth_year = forms.IntegerField(label=_("Năm sinh"))
    commune_id = _commune_field()
    country_code = forms.ChoiceField(
        label=_("Nước (nếu ở nước ngoài)"),
        required=False,
        help_text=_("Với học sinh ở Lào, Campuchia: chọn nước và ghi nơi ở, bỏ trống xã."),
    )
    place = forms.CharField(label=_("Nơi ở (ngoài Việt Nam)"), max_length=200, required=False)
    monthly_vnd = forms.IntegerField(label=_("Mức hỗ trợ hằng tháng (đồng)"), required=False)
    since = DayField(label=_("Từ ngày"))
    until = DayField(label=_("Đến ngày"), required=False)
    end_reason = forms.ChoiceField(label=_("Lý do kết thúc"), required=False)
    note = _note()

    def __init__(
        self,
        *args: Any,
        units: list | None,
        programmes: list,
        communes: list,
        countries: list,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:  # an edit keeps the supporting unit
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["programme_id"], programmes, None)
        with_choices(self.fields["commune_id"], communes, "")
        with_choices(self.fields["country_code"], countries, "")
        with_choices(self.fields["end_reason"], EndReason.choices, "")


class ActivityFilterForm(forms.Form):
    q = SearchField()
    programme_id = _programme_field(required=False)
    unit_id = _unit_field(_("Đơn vị thực hiện"), required=False)
    start = DayField(label=_("Từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, programmes: list, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["programme_id"], programmes, _("Tất cả"))
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


class ActivityForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = _unit_field(_("Đơn vị thực hiện"))
    programme_id = _programme_field()
    on = DayField(label=_("Ngày"))
    commune_id = _commune_field()
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    people_served = forms.IntegerField(
        label=_("Số người được phục vụ"), required=False, min_value=0
    )
    spent_vnd = forms.IntegerField(label=_("Kinh phí (đồng)"), required=False)
    content = _note(_("Nội dung"), required=True)

    def __init__(
        self, *args: Any, units: list | None, programmes: list, communes: list, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["programme_id"], programmes, None)
        with_choices(self.fields["commune_id"], communes, "")


class ProgrammeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Tên chương trình"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=ProgrammeKind.choices)
    active = forms.BooleanField(label=_("Đang thực hiện"), required=False, initial=True)
    note = _note()
