"""Forms of crime and violations: the list filters, a case with its persons and seizures (rows
of a table, blank rows ignored), and an operation."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import CaseHandling, CrimeCategory, OperationKind, SeizureUnit, Sex


def _all(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("Tất cả")), *choices]


class CaseFilterForm(forms.Form):
    q = SearchField()
    start = DayField(label=_("Phát hiện từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )
    category = forms.ChoiceField(
        label=_("Loại tội phạm"), required=False, choices=_all(CrimeCategory.choices)
    )
    handling = forms.ChoiceField(
        label=_("Hình thức xử lý"), required=False, choices=_all(CaseHandling.choices)
    )
    operation_id = forms.TypedChoiceField(
        label=_("Chuyên án, kế hoạch"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, units: list, operations: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))
        with_choices(self.fields["operation_id"], operations, _("Tất cả"))


class CaseForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị phát hiện, bắt giữ"), coerce=int)
    category = forms.ChoiceField(label=_("Loại tội phạm"), choices=CrimeCategory.choices)
    title = forms.CharField(label=_("Tóm tắt"), max_length=200)
    detected_on = DayField(label=_("Ngày phát hiện, bắt giữ"))
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
    commune_id = forms.TypedChoiceField(
        label=_("Xã, phường"), required=False, coerce=int, empty_value=None
    )
    operation_id = forms.TypedChoiceField(
        label=_("Thuộc chuyên án, kế hoạch"), required=False, coerce=int, empty_value=None
    )
    description = forms.CharField(
        label=_("Diễn biến"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    handling = forms.ChoiceField(
        label=_("Hình thức xử lý"), choices=CaseHandling.choices, initial=CaseHandling.PENDING
    )
    handled_on = DayField(label=_("Ngày xử lý"), required=False)
    decision = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)
    fine_vnd = forms.DecimalField(
        label=_("Số tiền phạt (đồng)"),
        required=False,
        max_digits=15,
        decimal_places=0,
        localize=True,
    )

    def __init__(
        self,
        *args: Any,
        units: list | None,
        communes: list,
        operations: list,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:  # editing: the unit stays, the version is checked
            del self.fields["unit_id"], self.fields["client_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
            del self.fields["version"]
        with_choices(self.fields["commune_id"], communes, "—")
        with_choices(self.fields["operation_id"], operations, "—")


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Họ tên"), max_length=150, required=False)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False)
    sex = forms.ChoiceField(label=_("Giới tính"), choices=Sex.choices)
    nationality = forms.CharField(label=_("Quốc tịch"), max_length=2, initial="VN")
    residence = forms.CharField(label=_("Nơi cư trú"), max_length=200, required=False)
    wanted = forms.BooleanField(label=_("Truy nã"), required=False)

    def row(self) -> dict[str, Any] | None:
        """The person this row names, or None for a row left blank."""
        data = self.cleaned_data
        if not (data.get("full_name") or "").strip():
            return None
        return {k: data.get(k) for k in self.fields}


class SeizureForm(forms.Form):
    item = forms.CharField(label=_("Tang vật"), max_length=150, required=False)
    quantity = forms.DecimalField(
        label=_("Số lượng"), required=False, max_digits=14, decimal_places=3, localize=True
    )
    unit = forms.ChoiceField(
        label=_("Đơn vị tính"), required=False, choices=[("", "—"), *SeizureUnit.choices]
    )
    value_vnd = forms.DecimalField(
        label=_("Trị giá (đồng)"), required=False, max_digits=15, decimal_places=0, localize=True
    )

    def row(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not (data.get("item") or "").strip() and data.get("quantity") is None:
            return None
        return {k: data.get(k) for k in self.fields}


PersonFormSet = forms.formset_factory(PersonForm, extra=3, max_num=200)
SeizureFormSet = forms.formset_factory(SeizureForm, extra=3, max_num=100)


class OperationFilterForm(forms.Form):
    q = SearchField()
    start = DayField(label=_("Thực hiện từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=_all(OperationKind.choices))
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[("", _("Tất cả")), ("open", _("Đang thực hiện")), ("ended", _("Đã kết thúc"))],
    )


class OperationForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị chủ trì"), coerce=int)
    kind = forms.ChoiceField(label=_("Loại"), choices=OperationKind.choices)
    name = forms.CharField(label=_("Tên"), max_length=200)
    decision = forms.CharField(label=_("Số quyết định, kế hoạch"), max_length=100, required=False)
    category = forms.ChoiceField(
        label=_("Loại tội phạm"),
        required=False,
        choices=[("", _("Nhiều loại")), *CrimeCategory.choices],
    )
    started_on = DayField(label=_("Ngày bắt đầu"))
    ended_on = DayField(label=_("Ngày kết thúc"), required=False)
    target = forms.CharField(
        label=_("Mục tiêu, đối tượng"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    result = forms.CharField(
        label=_("Kết quả"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, units: list | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"], self.fields["client_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
            del self.fields["version"]
