from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import COORDINATE_ORDER, DayField, MomentField
from biengioi.registry.forms import with_choices
from biengioi.registry.models import MarkerStatusKind

from .models import (
    ATTACHMENT_KINDS,
    AttachmentKind,
    Channel,
    HandlingLevel,
    IncidentKind,
    PatrolHostSide,
    PatrolKind,
)
from .selectors import MAX_DUE_WITHIN, IncidentStatus

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]


class PatrolFilterForm(forms.Form):
    start = DayField(label=_("Từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Hình thức"), required=False, choices=[("", _("Tất cả")), *PatrolKind.choices]
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


class PatrolForm(forms.Form):
    """A patrol's own fields; markers are named by their identifiers, as on the ground."""

    unit_id = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=PatrolKind.choices)
    host_side = forms.ChoiceField(
        label=_("Bên chủ trì (tuần tra song phương)"),
        required=False,
        choices=[("", "—"), *PatrolHostSide.choices],
    )
    line_id = forms.TypedChoiceField(label=_("Tuyến biên giới"), coerce=int)
    started_at = MomentField(
        label=_("Bắt đầu"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    ended_at = MomentField(
        label=_("Kết thúc"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    section_ids = forms.TypedMultipleChoiceField(
        label=_("Đoạn biên giới"), coerce=int, required=False
    )
    from_marker = forms.CharField(label=_("Từ mốc"), max_length=20, required=False)
    to_marker = forms.CharField(label=_("Đến mốc"), max_length=20, required=False)
    distance_km = forms.DecimalField(
        label=_("Quãng đường (km)"),
        required=False,
        max_digits=6,
        decimal_places=1,
        localize=True,  # "8,5" as it is written in Vietnamese
    )
    border_guards = forms.IntegerField(label=_("Cán bộ, chiến sĩ biên phòng"), initial=0)
    militia = forms.IntegerField(label=_("Dân quân"), initial=0)
    commune_police = forms.IntegerField(label=_("Công an xã"), initial=0)
    self_management = forms.IntegerField(label=_("Thành viên tổ tự quản"), initial=0)
    other_side = forms.IntegerField(label=_("Lực lượng phía bạn"), initial=0)
    counterpart_id = forms.TypedChoiceField(
        label=_("Đơn vị phía bạn"), required=False, coerce=int, empty_value=None
    )
    counterpart_leader = forms.CharField(
        label=_("Chỉ huy phía bạn"), max_length=150, required=False
    )
    findings = forms.CharField(
        label=_("Kết quả, tình hình phát hiện"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_patrol_on = DayField(label=_("Lần tuần tra tiếp theo đã thống nhất"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        units: list | None,
        lines: list | None,
        sections: list,
        counterparts: list,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:  # editing: the unit and the border stay
            del self.fields["unit_id"], self.fields["line_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
            with_choices(self.fields["line_id"], lines or [], None)
            del self.fields["version"]
        with_choices(self.fields["section_ids"], sections, None)
        with_choices(self.fields["counterpart_id"], counterparts, "—")


class InspectionForm(forms.Form):
    marker = forms.CharField(label=_("Mốc"), max_length=20, required=False)
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=MarkerStatusKind.choices, initial=MarkerStatusKind.INTACT
    )
    vegetation_cleared = forms.BooleanField(label=_("Đã phát quang, vệ sinh"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=4000, required=False)


InspectionFormSet = forms.formset_factory(InspectionForm, extra=6, max_num=60)


class IncidentFilterForm(forms.Form):
    start = DayField(label=_("Phát hiện từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Loại vụ việc"),
        required=False,
        choices=[("", _("Tất cả")), *IncidentKind.choices],
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[("", _("Tất cả")), *IncidentStatus.CHOICES],
    )
    level = forms.ChoiceField(
        label=_("Cấp đang giải quyết"),
        required=False,
        choices=[("", _("Tất cả")), *HandlingLevel.choices],
    )
    due_within = forms.IntegerField(
        label=_("Đang mở, hạn giải quyết trong vòng (ngày)"),
        required=False,
        min_value=0,
        max_value=MAX_DUE_WITHIN,
        help_text=_("Cả những vụ việc đã quá hạn."),
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


class IncidentForm(forms.Form):
    """What is known of an incident; the place is a point (its nearest marker is computed)."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị phụ trách"), coerce=int)
    kind = forms.ChoiceField(label=_("Loại vụ việc"), choices=IncidentKind.choices)
    title = forms.CharField(label=_("Tóm tắt"), max_length=200)
    lon = forms.DecimalField(
        label=_("Kinh độ"),
        max_digits=10,
        decimal_places=7,
        localize=True,
        help_text=COORDINATE_ORDER,
    )
    lat = forms.DecimalField(label=_("Vĩ độ"), max_digits=10, decimal_places=7, localize=True)
    commune_id = forms.TypedChoiceField(
        label=_("Xã, phường (để trống: theo mốc gần nhất)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    detected_on = DayField(label=_("Ngày phát hiện"))
    detected_by = forms.CharField(label=_("Người, lực lượng phát hiện"), max_length=200)
    parties = forms.CharField(
        label=_("Các bên liên quan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Diễn biến"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, units: list | None, communes: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:  # editing: the unit stays, the version is checked
            del self.fields["unit_id"], self.fields["client_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
            del self.fields["version"]
        with_choices(self.fields["commune_id"], communes, "—")


class StepForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    level = forms.ChoiceField(label=_("Cấp giải quyết"), choices=HandlingLevel.choices)
    on = DayField(label=_("Ngày"))
    handled_by = forms.CharField(label=_("Cơ quan, người thực hiện"), max_length=200)
    channel = forms.ChoiceField(label=_("Hình thức"), choices=Channel.choices)
    counterpart_id = forms.TypedChoiceField(
        label=_("Đơn vị phía bạn"), required=False, coerce=int, empty_value=None
    )
    summary = forms.CharField(
        label=_("Nội dung"), max_length=8000, widget=forms.Textarea(attrs={"rows": 2})
    )
    agreed = forms.CharField(
        label=_("Kết quả thống nhất với phía bạn"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, counterparts: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["counterpart_id"], counterparts, "—")


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    closed_on = DayField(label=_("Ngày kết thúc"))
    result = forms.CharField(
        label=_("Kết quả giải quyết"), max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AttachmentForm(forms.Form):
    """A file for a patrol (`owner="patrol"`) or an incident: its kind among those the owner
    holds, left by default to the file itself (a picture a photo, another file the owner's
    record)."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Loại tệp"), required=False)
    inspection_id = forms.TypedChoiceField(
        label=_("Ảnh của mốc (để trống: của cả chuyến)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    file = forms.FileField(label=_("Tệp (PDF, JPEG, PNG, DOCX)"))
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(
        self, *args: Any, owner: str, inspections: list | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        kinds = ATTACHMENT_KINDS[owner]
        other = next(k for k in kinds if k != AttachmentKind.PHOTO)
        by_file = _("Theo tệp (ảnh: {photo}; tệp khác: {other})").format(
            photo=AttachmentKind.PHOTO.label, other=other.label
        )
        with_choices(self.fields["kind"], [(k.value, k.label) for k in kinds], by_file)
        # what web/static/biengioi/attachkind.js shows as soon as a file is chosen
        self.fields["kind"].widget.attrs["data-by-file"] = f"{AttachmentKind.PHOTO} {other}"
        if inspections:  # a patrol's page: a photo may be of one marker met on it
            with_choices(self.fields["inspection_id"], inspections, "—")
        else:
            del self.fields["inspection_id"]


class AttachmentRefileForm(forms.Form):
    """Another kind for a kept file, among those its owner holds."""

    kind = forms.ChoiceField(label=_("Loại tệp"))

    def __init__(self, *args: Any, owner: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(
            self.fields["kind"], [(k.value, k.label) for k in ATTACHMENT_KINDS[owner]], None
        )
