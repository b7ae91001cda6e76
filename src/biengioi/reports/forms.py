"""Forms of periodic reports: the list filters, a new draft (scope unit and period), the
narrative and heading of a draft."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import ReportStatus
from .narrative import KEYS
from .periods import Period, PeriodError

# each part of the narrative as the page names it
PART_LABELS = {
    "situation": _("I. Đặc điểm tình hình"),
    "results.leadership": _("II.1. Lãnh đạo, chỉ đạo, điều hành"),
    "results.propaganda": _("II.2. Tuyên truyền, phổ biến, giáo dục pháp luật; tập huấn"),
    "results.patrols": _("II.3. Quản lý, bảo vệ đường biên giới, mốc quốc giới"),
    "results.incidents": _("II.4. Giải quyết vụ việc trên biên giới"),
    "results.security": _("II.5. An ninh, trật tự; phòng, chống tội phạm; cứu hộ, cứu nạn"),
    "results.gates": _("II.6. Cửa khẩu, xuất nhập cảnh; tiếp nhận, trao trả"),
    "results.foreign": _("II.7. Hợp tác, đối ngoại; kết nghĩa"),
    "results.movement": _("II.8. Phong trào toàn dân bảo vệ biên giới; tổ tự quản"),
    "results.programmes": _("II.9. Xây dựng khu vực biên giới; an sinh; khen thưởng"),
    "results.compliance": _("II.10. Chế độ thông tin, báo cáo"),
    "strengths": _("III.1. Ưu điểm"),
    "shortcomings": _("III.2. Tồn tại, hạn chế"),
    "causes": _("III.3. Nguyên nhân"),
    "directions": _("IV. Phương hướng, nhiệm vụ"),
    "proposals": _("V. Đề xuất, kiến nghị"),
}
META_LABELS = {
    "summary": _("Trích yếu"),
    "governing_body": _("Cơ quan chủ quản"),
    "issuing_body": _("Cơ quan ban hành"),
    "issuer_name": _("Tên cơ quan ban hành (trong câu)"),
    "symbol": _("Ký hiệu"),
    "place": _("Địa danh"),
    "signer_capacity": _("Thẩm quyền ký (TM., KT.), mỗi dòng một dòng"),
    "signer_title": _("Chức vụ người ký"),
    "signer_name": _("Họ tên người ký"),
    "copies_to": _("Nơi nhận, mỗi dòng một nơi"),
}
MULTILINE = {"signer_capacity", "copies_to"}


def part_field(key: str) -> str:
    """The form field of a part: "results.patrols" → "part_results__patrols"."""
    return "part_" + key.replace(".", "__")


class ReportFilterForm(forms.Form):
    q = SearchField()
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    period = forms.CharField(label=_("Kỳ (mã)"), required=False, max_length=40)
    scope_unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["status"], ReportStatus.choices, _("Tất cả"))
        with_choices(self.fields["scope_unit_id"], units, _("Tất cả"))


def current_period() -> dict[str, Any]:
    """The form's first answer: this half-year, with this year and quarter ready when the kind
    is changed (a report is most often drafted for the period going on)."""
    today = timezone.localdate()
    return {
        "kind": "half",
        "year": today.year,
        "half": 1 if today.month <= 6 else 2,
        "quarter": (today.month - 1) // 3 + 1,
        "start": today.replace(month=1, day=1),
        "end": today,
    }


class ReportCreateForm(forms.Form):
    """The scope unit and the period: a year, a half, a quarter or a range of days."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    scope_unit_id = forms.TypedChoiceField(label=_("Đơn vị báo cáo"), coerce=int)
    kind = forms.ChoiceField(
        label=_("Loại kỳ"),
        choices=[
            ("half", _("6 tháng")),
            ("year", _("Năm")),
            ("quarter", _("Quý")),
            ("range", _("Khoảng ngày")),
        ],
    )
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2999, required=False)
    half = forms.TypedChoiceField(
        label=_("6 tháng"),
        coerce=int,
        required=False,
        choices=[(1, _("6 tháng đầu năm")), (2, _("6 tháng cuối năm"))],
    )
    quarter = forms.TypedChoiceField(
        label=_("Quý"),
        coerce=int,
        required=False,
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
    start = DayField(label=_("Từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope_unit_id"].choices = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, year = data.get("kind"), data.get("year")
        try:
            if kind == "range":
                start, end = data.get("start"), data.get("end")
                if not isinstance(start, date) or not isinstance(end, date):
                    raise forms.ValidationError(_("Ghi cả ngày bắt đầu và ngày kết thúc."))
                data["period"] = Period.between(start, end).code
            elif year is None:
                self.add_error("year", _("Ghi năm của kỳ báo cáo."))
            elif kind == "year":
                data["period"] = Period.year(year).code
            elif kind == "half":
                data["period"] = Period.half(year, data.get("half") or 1).code
            elif kind == "quarter":
                data["period"] = Period.quarter(year, data.get("quarter") or 1).code
        except PeriodError as error:
            raise forms.ValidationError(_("Kỳ báo cáo không hợp lệ.")) from error
        return data


class ReportEditForm(forms.Form):
    """A draft's narrative, part by part, and its heading."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, with_compliance: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in KEYS:
            if key == "results.compliance" and not with_compliance:
                continue
            self.fields[part_field(key)] = forms.CharField(
                label=PART_LABELS[key],
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 6, "data-part": key}),
            )
        for name, label in META_LABELS.items():
            widget = forms.Textarea(attrs={"rows": 3}) if name in MULTILINE else None
            self.fields[name] = forms.CharField(
                label=label, required=False, max_length=4000, widget=widget
            )

    def narrative(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[part_field(key)]
            for key in KEYS
            if part_field(key) in self.cleaned_data
        }

    def meta(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in META_LABELS}
