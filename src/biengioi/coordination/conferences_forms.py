"""Forms of conferences, conclusion notices and tasks: the list filters, a conference, its
conclusion notice, a task (from a conclusion or on its own) and a progress update."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchableCheckboxes
from biengioi.registry.forms import with_choices

from .models import ConferenceKind, TaskStatus

OVERDUE_CHOICE = ("overdue", _("Quá hạn"))


class ConferenceFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2200)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị tổ chức"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["kind"], ConferenceKind.choices, _("Tất cả"))
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


class ConferenceForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị tổ chức"), coerce=int)
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=ConferenceKind.choices)
    title = forms.CharField(label=_("Tên hội nghị"), max_length=300)
    plan_number = forms.CharField(label=_("Số kế hoạch"), max_length=60, required=False)
    held_on = DayField(label=_("Ngày tổ chức"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    chair = forms.CharField(label=_("Chủ trì"), max_length=200, required=False)
    participant_unit_ids = forms.TypedMultipleChoiceField(
        label=_("Đơn vị tham dự"),
        required=False,
        coerce=int,
        widget=SearchableCheckboxes,
    )
    participants = forms.CharField(
        label=_("Thành phần tham dự"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    participant_count = forms.IntegerField(label=_("Số người tham dự"), required=False, min_value=0)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, units: list | None, province_units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["participant_unit_ids"], province_units, None)


class ConclusionForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.CharField(label=_("Số thông báo"), max_length=60)
    issued_on = DayField(label=_("Ngày thông báo"))
    summary = forms.CharField(
        label=_("Nội dung kết luận"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị chủ trì"), required=False, coerce=int, empty_value=None
    )
    mine = forms.BooleanField(label=_("Nhiệm vụ của đơn vị tôi"), required=False)

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["status"], [*TaskStatus.choices, OVERDUE_CHOICE], _("Tất cả"))
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


# a new task is first shown due a month ahead; whoever assigns it sets the real deadline
DEADLINE_AHEAD = timedelta(days=30)


def default_deadline(not_before: date | None = None) -> date:
    """A new task's deadline as its form first shows it: a month after today, or after the day
    of the notice or talks it comes from when that is later; never a day already past."""
    today = timezone.localdate()
    return max(today, not_before or today) + DEADLINE_AHEAD


class TaskForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=300)
    description = forms.CharField(
        label=_("Nội dung"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    unit_id = forms.TypedChoiceField(label=_("Đơn vị chủ trì"), coerce=int)
    coordinating_unit_ids = forms.TypedMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        required=False,
        coerce=int,
        widget=SearchableCheckboxes,
    )
    assigned_on = DayField(
        label=_("Ngày giao"),
        required=False,
        help_text=_(
            "Để trống: ngày thông báo kết luận hay ngày hội đàm, hoặc hôm nay. Báo cáo của một "
            "kỳ chỉ nêu những nhiệm vụ đã giao đến hết kỳ."
        ),
    )
    deadline = DayField(label=_("Thời hạn"))

    def __init__(self, *args: Any, units: list | None, province_units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["coordinating_unit_ids"], province_units, None)


class ProgressForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    on = DayField(label=_("Ngày"))
    text = forms.CharField(
        label=_("Kết quả thực hiện"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = forms.CharField(label=_("Minh chứng"), max_length=300, required=False)
    file = forms.FileField(
        label=_("Tệp minh chứng (PDF, JPEG, PNG, DOCX)"),
        required=False,
        allow_empty_file=True,  # refused by the service, with the message of every refusal
    )
    status = forms.ChoiceField(label=_("Trạng thái mới"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["status"], TaskStatus.choices, _("Giữ nguyên"))
