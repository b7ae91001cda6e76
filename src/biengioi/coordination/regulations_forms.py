"""Forms of regulations, their duties and submissions: the list filters, a regulation, a duty,
a submission (its figures written one per line, "name: number"), the compliance filters."""

from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchableCheckboxes
from biengioi.registry.forms import with_choices

from .models import DutyKind, Rhythm
from .regulations_selectors import PART_LABELS


class RegulationFilterForm(forms.Form):
    q = forms.CharField(label=_("Số, tên quy chế"), required=False, max_length=100)
    active_on = DayField(label=_("Có hiệu lực ngày"), required=False)


class RegulationForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.CharField(label=_("Số văn bản"), max_length=60)
    signed_on = DayField(label=_("Ngày ký"))
    title = forms.CharField(label=_("Tên quy chế"), max_length=300)
    valid_from = DayField(label=_("Hiệu lực từ ngày"))
    valid_to = DayField(
        label=_("Hiệu lực đến ngày"), required=False, help_text=_("Bỏ trống: còn hiệu lực.")
    )
    party_unit_ids = forms.TypedMultipleChoiceField(
        label=_("Các bên (đơn vị của tỉnh)"),
        required=False,
        coerce=int,
        widget=SearchableCheckboxes,
    )
    counterpart_ids = forms.TypedMultipleChoiceField(
        label=_("Đơn vị nước bạn (quy chế phối hợp song phương)"),
        required=False,
        coerce=int,
        widget=SearchableCheckboxes,
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, units: list, counterparts: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["party_unit_ids"], units, None)
        with_choices(self.fields["counterpart_ids"], counterparts, None)
        if not counterparts:
            del self.fields["counterpart_ids"]


class DutyForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Loại nhiệm vụ"), choices=DutyKind.choices)
    title = forms.CharField(label=_("Nội dung nhiệm vụ"), max_length=300)
    owner_unit_id = forms.TypedChoiceField(label=_("Đơn vị thực hiện"), coerce=int)
    rhythm = forms.ChoiceField(label=_("Định kỳ"), required=False)
    due_day = forms.IntegerField(
        label=_("Hạn nộp: ngày"),
        required=False,
        help_text=_(
            "Hằng tuần: thứ trong tuần sau kỳ (1 = thứ Hai … 7 = Chủ nhật). Hằng tháng, quý, "
            "6 tháng: ngày của tháng đầu sau kỳ (31 = ngày cuối tháng). Hằng năm: ngày của "
            "tháng hạn nộp, năm sau."
        ),
    )
    due_month = forms.IntegerField(
        label=_("Hạn nộp: tháng (chỉ nhiệm vụ hằng năm)"), required=False
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, owners: list | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["rhythm"], Rhythm.choices, "—")
        if owners is None:
            del self.fields["owner_unit_id"]
        else:
            with_choices(self.fields["owner_unit_id"], owners, None)


def figures_text(figures: dict[str, Any]) -> str:
    return "\n".join(f"{name}: {formats.number_format(value)}" for name, value in figures.items())


class SubmissionForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submitted_on = DayField(label=_("Ngày nộp"))
    reference = forms.CharField(
        label=_("Văn bản, tệp báo cáo"),
        max_length=300,
        required=False,
        help_text=_("Số, ký hiệu văn bản hoặc tên tệp đã gửi."),
    )
    file = forms.FileField(
        label=_("Tệp báo cáo (PDF, JPEG, PNG, DOCX)"),
        required=False,
        allow_empty_file=True,  # refused by the service, with the message of every refusal
        help_text=_("Tệp được lưu cùng báo cáo; tệp bị từ chối thì báo cáo cũng chưa được ghi."),
    )
    figures = forms.CharField(
        label=_("Số liệu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một số liệu: “tên: số”, ví dụ “Số lượt trao đổi thông tin: 4”."),
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_figures(self) -> dict[str, str]:
        figures: dict[str, str] = {}
        for line in (self.cleaned_data.get("figures") or "").splitlines():
            if not line.strip():
                continue
            name, colon, number = line.rpartition(":")
            if not colon or not name.strip() or not number.strip():
                raise forms.ValidationError(
                    _("Dòng “%(line)s” không đúng dạng “tên: số”."), params={"line": line.strip()}
                )
            figures[name.strip()] = formats.sanitize_separators(number.strip())
        return figures


class ComplianceFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2200)
    part = forms.ChoiceField(label=_("Kỳ"), choices=list(PART_LABELS.items()), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))
