from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.registry.forms import with_choices
from biengioi.registry.models import MarkerStatusKind

from .models import HostSide, PatrolKind

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]


class PatrolFilterForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), required=False)
    end = forms.DateField(label=_("Đến ngày"), required=False)
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
        choices=[("", "—"), *HostSide.choices],
    )
    line_id = forms.TypedChoiceField(label=_("Tuyến biên giới"), coerce=int)
    started_at = forms.DateTimeField(
        label=_("Bắt đầu"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    ended_at = forms.DateTimeField(
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
    next_patrol_on = forms.DateField(
        label=_("Lần tuần tra tiếp theo đã thống nhất"), required=False
    )
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
