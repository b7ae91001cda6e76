"""Forms of the hand-over pages: the list's filters, a hand-over, and its home provinces as rows
(province, persons)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import HandoverKind, Nationality


class HandoverFilterForm(forms.Form):
    q = SearchField()
    start = DayField(label=_("Từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Hình thức"), required=False, choices=[("", _("Tất cả")), *HandoverKind.choices]
    )
    nationality = forms.ChoiceField(
        label=_("Quốc tịch"), required=False, choices=[("", _("Tất cả")), *Nationality.choices]
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


def _count(label: Any, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, **kwargs)


class HandoverForm(forms.Form):
    """One hand-over; the place is a gate or a marker (one of the two)."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=HandoverKind.choices)
    on = DayField(label=_("Ngày"))
    gate_id = forms.TypedChoiceField(
        label=_("Tại cửa khẩu"), required=False, coerce=int, empty_value=None
    )
    marker_id = forms.TypedChoiceField(
        label=_("hoặc tại mốc quốc giới"), required=False, coerce=int, empty_value=None
    )
    counterpart_id = forms.TypedChoiceField(label=_("Đơn vị phía bạn"), coerce=int)
    persons = _count(_("Số người"))
    males = _count(_("Nam"))
    females = _count(_("Nữ"))
    children = _count(_("Trong đó trẻ em"), initial=0)
    nationality = forms.ChoiceField(
        label=_("Quốc tịch"),
        required=False,
        choices=[("", _("— (tiếp nhận: Việt Nam)")), *Nationality.choices],
    )
    wanted = _count(_("Đối tượng truy nã phát hiện"), initial=0)
    note = forms.CharField(
        label=_("Ghi chú (lý do, xử lý, bàn giao về địa phương)"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        units: list | None,
        gates: list,
        markers: list,
        counterparts: list,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:  # editing: the unit stays, the version is checked
            del self.fields["unit_id"], self.fields["client_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
            del self.fields["version"]
        with_choices(self.fields["gate_id"], gates, "—")
        with_choices(self.fields["marker_id"], markers, "—")
        with_choices(self.fields["counterpart_id"], counterparts, None)


class OriginForm(forms.Form):
    province_id = forms.TypedChoiceField(
        label=_("Tỉnh, thành phố"), required=False, coerce=int, empty_value=None
    )
    persons = forms.IntegerField(label=_("Số người"), required=False, min_value=1)

    def __init__(self, *args: Any, provinces: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["province_id"], provinces, "—")


OriginFormSet = forms.formset_factory(OriginForm, extra=3, max_num=63)


def origin_rows(formset: Any) -> tuple[list[dict[str, Any]], list[int]]:
    """The filled rows of the home provinces as the service takes them, and the position of
    each on the form (empty rows are dropped; a row with one of its two cells goes on, for the
    service to name what is missing)."""
    rows, positions = [], []
    for index, form in enumerate(formset.forms):
        data = form.cleaned_data
        if data.get("province_id") is None and data.get("persons") is None:
            continue
        rows.append({"province_id": data.get("province_id"), "persons": data.get("persons")})
        positions.append(index)
    return rows, positions
