"""Forms of budget estimates: the table's filters (year, unit) and a line of the estimate."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import SearchField
from biengioi.registry.forms import with_choices

from .models import BudgetCategory


class BudgetFilterForm(forms.Form):
    q = SearchField()
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2200)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


class BudgetItemForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    year = forms.IntegerField(label=_("Năm"))
    title = forms.CharField(label=_("Khoản mục"), max_length=300)
    category = forms.ChoiceField(label=_("Nhóm"), required=False)
    estimated = forms.IntegerField(label=_("Dự toán (đồng)"), required=False)
    approved = forms.IntegerField(label=_("Được duyệt (đồng)"), required=False)
    spent = forms.IntegerField(label=_("Đã chi (đồng)"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, units: list | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["category"], BudgetCategory.choices, _("Chưa phân nhóm"))
