"""The forms of the gate traffic pages: the list's filters, a record, and the import's upload."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import TrafficPeriod


class TrafficFilterForm(forms.Form):
    q = SearchField()
    start = DayField(label=_("Từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )
    gate_id = forms.TypedChoiceField(
        label=_("Cửa khẩu"), required=False, coerce=int, empty_value=None
    )
    period = forms.ChoiceField(
        label=_("Loại số liệu"),
        required=False,
        choices=[("", _("Tất cả")), *TrafficPeriod.choices],
    )

    def __init__(self, *args: Any, units: list, gates: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))
        with_choices(self.fields["gate_id"], gates, _("Tất cả"))


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, initial=0, localize=True)  # "1.250" is 1250


def _amount(label: Any, places: int, digits: int) -> forms.DecimalField:
    # "850,5" as it is written in Vietnamese
    return forms.DecimalField(
        label=label, initial=0, max_digits=digits, decimal_places=places, localize=True
    )


class TrafficForm(forms.Form):
    """A gate's figures for a day, or for a month (any day of it: the first is kept)."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị ghi nhận"), coerce=int)
    gate_id = forms.TypedChoiceField(label=_("Cửa khẩu"), coerce=int)
    period = forms.ChoiceField(
        label=_("Loại số liệu"), choices=TrafficPeriod.choices, initial=TrafficPeriod.DAY
    )
    on = DayField(label=_("Ngày"), help_text=_("Số liệu cả tháng: một ngày bất kỳ trong tháng."))
    persons_out = _count(_("Người xuất cảnh (lượt)"))
    persons_in = _count(_("Người nhập cảnh (lượt)"))
    vehicles_out = _count(_("Phương tiện xuất cảnh (lượt)"))
    vehicles_in = _count(_("Phương tiện nhập cảnh (lượt)"))
    export_tonnes = _amount(_("Hàng xuất khẩu (tấn)"), 3, 12)
    import_tonnes = _amount(_("Hàng nhập khẩu (tấn)"), 3, 12)
    export_value_usd = _amount(_("Kim ngạch xuất khẩu (USD)"), 2, 15)
    import_value_usd = _amount(_("Kim ngạch nhập khẩu (USD)"), 2, 15)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, units: list | None, gates: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:  # editing: the unit stays, the version is checked
            del self.fields["unit_id"], self.fields["client_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
            del self.fields["version"]
        with_choices(self.fields["gate_id"], gates, None)


class TrafficImportForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị ghi nhận"), coerce=int)
    file = forms.FileField(label=_("Tệp (.xlsx, .csv)"))

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, None)
