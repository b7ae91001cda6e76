"""Forms of the emulation movements and awards: the list filters, a movement, its yearly
review and an award (offering the province's movements, its units and the actor's teams)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import AwardKind, RecipientKind


def _text(label: Any, length: int, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, max_length=length, required=required)


def _paragraph(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _optional_id(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None)


class MovementFilterForm(forms.Form):
    q = SearchField()
    unit_id = _optional_id(_("Đơn vị phát động"))
    active_on = DayField(label=_("Đang diễn ra vào ngày"), required=False)

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


class MovementForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị phát động"), coerce=int)
    name = _text(_("Tên phong trào"), 300, required=True)
    decision_number = _text(_("Số quyết định phát động"), 60, required=True)
    decision_date = DayField(label=_("Ngày quyết định"))
    decision_issuer = _text(_("Cơ quan ban hành"), 200)
    starts_on = DayField(label=_("Từ ngày"))
    ends_on = DayField(label=_("Đến ngày (để trống nếu chưa định)"), required=False)
    content = _paragraph(_("Nội dung, tiêu chí thi đua"))
    note = _paragraph(_("Ghi chú"))

    def __init__(self, *args: Any, units: list | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)


class ReviewForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    year = forms.IntegerField(label=_("Năm sơ kết"), localize=False)
    held_on = DayField(label=_("Ngày sơ kết, tổng kết"))
    summary = forms.CharField(
        label=_("Kết quả"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AwardFilterForm(forms.Form):
    q = SearchField()
    movement_id = _optional_id(_("Phong trào thi đua"))
    kind = forms.ChoiceField(label=_("Hình thức khen thưởng"), required=False)
    recipient_kind = forms.ChoiceField(label=_("Đối tượng"), required=False)
    start = DayField(label=_("Quyết định từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, movements: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["movement_id"], movements, _("Tất cả"))
        with_choices(self.fields["kind"], list(AwardKind.choices), _("Tất cả"))
        with_choices(self.fields["recipient_kind"], list(RecipientKind.choices), _("Tất cả"))


class AwardForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị ghi nhận"), coerce=int)
    movement_id = _optional_id(_("Phong trào thi đua"))
    kind = forms.ChoiceField(label=_("Hình thức khen thưởng"), choices=AwardKind.choices)
    conferred_by = _text(_("Cấp khen (Chủ tịch UBND tỉnh, Bộ trưởng Bộ Quốc phòng…)"), 200)
    country = _text(_("Nước trao tặng (huân, huy chương nước ngoài)"), 100)
    recipient_kind = forms.ChoiceField(label=_("Đối tượng"), choices=RecipientKind.choices)
    recipient_name = _text(_("Họ tên cá nhân hoặc tên tập thể"), 200)
    recipient_unit_id = _optional_id(_("Đơn vị được khen (tập thể) hoặc đơn vị của cá nhân"))
    recipient_team_id = _optional_id(_("Tổ tự quản được khen"))
    recipient_place = _text(_("Thôn, bản, nơi công tác"), 200)
    position = _text(_("Chức vụ (cá nhân)"), 150)
    decision_number = _text(_("Số quyết định khen thưởng"), 60, required=True)
    decision_date = DayField(label=_("Ngày quyết định"))
    decision_issuer = _text(_("Cơ quan ban hành"), 200)
    reason = _paragraph(_("Thành tích"))
    amount_vnd = forms.IntegerField(
        label=_("Tiền thưởng (đồng)"), required=False, min_value=0, localize=False
    )

    def __init__(
        self,
        *args: Any,
        units: list | None,
        movements: list,
        recipient_units: list,
        teams: list,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["movement_id"], movements, _("Không theo phong trào"))
        with_choices(self.fields["recipient_unit_id"], recipient_units, "—")
        with_choices(self.fields["recipient_team_id"], teams, "—")
