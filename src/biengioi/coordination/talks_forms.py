"""Forms of talks, the talks plan and information exchanges: the list filters, talks (their
agreed points one per line), an item of the plan, and an exchange with its reply."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import ExchangeChannel, ExchangeDirection, TalksHostSide, TalksLevel


class TalksFilterForm(forms.Form):
    q = SearchField()
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2200)
    level = forms.ChoiceField(label=_("Cấp hội đàm"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị phía Việt Nam"), required=False, coerce=int, empty_value=None
    )
    counterpart_id = forms.TypedChoiceField(
        label=_("Đơn vị phía nước bạn"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, units: list, counterparts: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["level"], TalksLevel.choices, _("Tất cả"))
        with_choices(self.fields["unit_id"], units, _("Tất cả"))
        with_choices(self.fields["counterpart_id"], counterparts, _("Tất cả"))


class TalksForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    level = forms.ChoiceField(label=_("Cấp hội đàm"), choices=TalksLevel.choices)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị phía Việt Nam"), coerce=int)
    counterpart_id = forms.TypedChoiceField(label=_("Đơn vị phía nước bạn"), coerce=int)
    our_head = forms.CharField(label=_("Trưởng đoàn phía Việt Nam"), max_length=200, required=False)
    their_head = forms.CharField(
        label=_("Trưởng đoàn phía nước bạn"), max_length=200, required=False
    )
    held_on = DayField(label=_("Ngày hội đàm"))
    host_side = forms.ChoiceField(label=_("Bên đăng cai"), choices=TalksHostSide.choices)
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Nội dung hội đàm"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreed_points = forms.CharField(
        label=_("Các nội dung thống nhất (mỗi dòng một nội dung)"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    minutes_ref = forms.CharField(
        label=_("Biên bản hội đàm (số, ngày, nơi lưu)"), max_length=300, required=False
    )
    planned_id = forms.TypedChoiceField(
        label=_("Theo kế hoạch hội đàm năm"), required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, units: list | None, counterparts: list, plan: list, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["counterpart_id"], counterparts, None)
        with_choices(self.fields["planned_id"], plan, _("Không theo kế hoạch"))

    def clean_agreed_points(self) -> list[str]:
        text = self.cleaned_data.get("agreed_points") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class PlanFilterForm(forms.Form):
    q = SearchField()
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2200)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )
    progress = forms.ChoiceField(label=_("Tình hình thực hiện"), required=False)

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))
        with_choices(self.fields["progress"], progress_choices(), _("Tất cả"))


def progress_choices() -> list[tuple[str, Any]]:
    return [("done", _("Đã tổ chức")), ("not_yet", _("Chưa đến hạn")), ("overdue", _("Quá hạn"))]


class PlannedForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=_("Cấp hội đàm"), choices=TalksLevel.choices)
    counterpart_id = forms.TypedChoiceField(label=_("Đơn vị phía nước bạn"), coerce=int)
    month = forms.IntegerField(label=_("Tháng dự kiến"), required=False, min_value=1, max_value=12)
    quarter = forms.IntegerField(
        label=_("hoặc quý dự kiến"), required=False, min_value=1, max_value=4
    )
    topic = forms.CharField(label=_("Nội dung dự kiến"), max_length=300)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, units: list | None, counterparts: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["counterpart_id"], counterparts, None)


class ExchangeFilterForm(forms.Form):
    q = SearchField()
    date_from = DayField(label=_("Từ ngày"), required=False)
    date_to = DayField(label=_("Đến ngày"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )
    channel = forms.ChoiceField(label=_("Hình thức"), required=False)
    counterpart_id = forms.TypedChoiceField(
        label=_("Đơn vị đối đẳng"), required=False, coerce=int, empty_value=None
    )
    reply = forms.ChoiceField(label=_("Trả lời"), required=False)

    def __init__(self, *args: Any, units: list, counterparts: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))
        with_choices(self.fields["channel"], ExchangeChannel.choices, _("Tất cả"))
        with_choices(self.fields["counterpart_id"], counterparts, _("Tất cả"))
        with_choices(
            self.fields["reply"],
            [("awaiting", _("Chờ trả lời")), ("overdue", _("Chờ trả lời quá hạn"))],
            _("Tất cả"),
        )


class ExchangeForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    on = DayField(label=_("Ngày"))
    channel = forms.ChoiceField(label=_("Hình thức"), choices=ExchangeChannel.choices)
    direction = forms.ChoiceField(label=_("Chiều"), choices=ExchangeDirection.choices)
    counterpart_id = forms.TypedChoiceField(
        label=_("Đơn vị đối đẳng nước bạn"), required=False, coerce=int, empty_value=None
    )
    other_unit_id = forms.TypedChoiceField(
        label=_("hoặc đơn vị trong tỉnh"), required=False, coerce=int, empty_value=None
    )
    subject = forms.CharField(label=_("Vấn đề trao đổi"), max_length=300)
    summary = forms.CharField(
        label=_("Nội dung tóm tắt"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    incident_id = forms.TypedChoiceField(
        label=_("Vụ việc liên quan"), required=False, coerce=int, empty_value=None
    )
    reply_expected = forms.BooleanField(label=_("Cần trả lời"), required=False)
    reply_by = DayField(label=_("Hạn trả lời"), required=False)
    replied_on = DayField(label=_("Ngày trả lời"), required=False)
    reply_summary = forms.CharField(
        label=_("Nội dung trả lời"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        units: list | None,
        counterparts: list,
        province_units: list,
        incidents: list,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["counterpart_id"], counterparts, "—")
        with_choices(self.fields["other_unit_id"], province_units, "—")
        with_choices(self.fields["incident_id"], incidents, _("Không"))
