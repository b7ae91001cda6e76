from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core.errors import DomainError
from biengioi.core.forms import COORDINATE_ORDER, DayField, IdField

from .models import (
    AdminLevel,
    CommitteeRole,
    GateKind,
    MarkerKind,
    MarkerStatusKind,
    MarkerType,
    Multiplicity,
    Side,
    SignKind,
)
from .selectors import NOT_INTACT


def with_choices(field: forms.Field, choices: list[Any], blank: Any = "") -> None:
    field.choices = ([("", blank)] if blank is not None else []) + list(choices)  # type: ignore[attr-defined]


def record_day(request: HttpRequest, field: str) -> date:
    """The day a new record is dated, for its unit picker to offer the units working that day:
    the one posted in `field` when it reads as a date (so a patrol of 2024 may name a unit
    dissolved since), else today."""
    raw = request.POST.get(field, "").strip() if request.method == "POST" else ""
    if raw:
        try:
            day = DayField(required=False).clean(raw.replace("T", " ").split(" ")[0])
        except ValidationError:
            day = None
        if day is not None:
            return day
    return timezone.localdate()


def form_page(request: HttpRequest, form: forms.Form, title: Any) -> HttpResponse:
    """A create or edit page: the form under its title; 400 when it comes back with errors."""
    return render(
        request,
        "registry/object_form.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


def show_domain_error(form: forms.Form, exc: DomainError, aliases: dict[str, str]) -> None:
    """Put a service's error beside the field it names (or on top of the form)."""
    field = aliases.get(exc.field or "", exc.field or "")
    form.add_error(field if field in form.fields else None, exc.message)


class MarkerFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Số hiệu"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "222, 232/5, 605(1)"}),
    )
    line = forms.TypedChoiceField(label=_("Tuyến"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Loại mốc"), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), required=False)
    post = forms.TypedChoiceField(
        label=_("Đồn phụ trách"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, lines: list, posts: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["line"], lines, str(_("Tất cả")))
        with_choices(self.fields["kind"], list(MarkerKind.choices), str(_("Tất cả")))
        with_choices(
            self.fields["status"],
            [
                *MarkerStatusKind.choices,
                (NOT_INTACT, _("Không còn nguyên trạng")),
                ("none", _("Chưa ghi nhận")),
            ],
            str(_("Tất cả")),
        )
        with_choices(self.fields["post"], posts, str(_("Tất cả")))


class MarkerForm(forms.Form):
    identifier = forms.CharField(label=_("Số hiệu"), max_length=20)
    kind = forms.ChoiceField(label=_("Loại mốc"), choices=MarkerKind.choices)
    multiplicity = forms.ChoiceField(label=_("Mốc đơn/đôi/ba"), choices=Multiplicity.choices)
    marker_type = forms.ChoiceField(label=_("Kiểu mốc"), choices=MarkerType.choices, required=False)
    material = forms.CharField(label=_("Vật liệu"), max_length=60, required=False)
    lon = forms.DecimalField(
        label=_("Kinh độ (WGS84)"),
        max_digits=10,
        decimal_places=7,
        localize=False,
        help_text=COORDINATE_ORDER,
    )
    lat = forms.DecimalField(
        label=_("Vĩ độ (WGS84)"), max_digits=10, decimal_places=7, localize=False
    )
    elevation_m = forms.DecimalField(
        label=_("Độ cao (m)"), max_digits=7, decimal_places=1, required=False, localize=False
    )
    year_planted = forms.IntegerField(label=_("Năm cắm mốc"), required=False, localize=False)
    section_id = forms.TypedChoiceField(
        label=_("Đoạn biên giới"), required=False, coerce=int, empty_value=None
    )
    post_id = forms.TypedChoiceField(label=_("Đồn phụ trách"), coerce=int)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def __init__(
        self, *args: Any, sections: list, posts: list, communes: list, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune_id"] = forms.TypedChoiceField(
            label=_("Xã, phường"), required=False, coerce=int, empty_value=None
        )
        with_choices(self.fields["section_id"], sections, "—")
        with_choices(self.fields["post_id"], posts, None)
        with_choices(self.fields["commune_id"], communes, "—")
        self.order_fields([*[f for f in self.fields if f != "note"], "note"])


class MarkerCreateForm(MarkerForm):
    line_id = forms.TypedChoiceField(label=_("Tuyến biên giới"), coerce=int)
    status = forms.ChoiceField(label=_("Tình trạng ban đầu"), required=False)
    status_on = DayField(label=_("Ngày ghi nhận"), required=False)
    status_source = forms.CharField(label=_("Nguồn"), max_length=200, required=False)

    field_order = ["line_id", "identifier"]

    def __init__(self, *args: Any, lines: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["line_id"], lines, None)
        with_choices(self.fields["status"], list(MarkerStatusKind.choices), str(_("Chưa ghi nhận")))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=MarkerStatusKind.choices)
    on = DayField(label=_("Ngày"), initial=timezone.localdate)
    source = forms.CharField(
        label=_("Nguồn (tuần tra, kiểm tra, báo cáo ...)"), max_length=200, required=False
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ImportForm(forms.Form):
    line_id = forms.TypedChoiceField(label=_("Tuyến biên giới"), coerce=int)
    file = forms.FileField(label=_("Tệp (.csv, .xlsx, .geojson)"))

    def __init__(self, *args: Any, lines: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["line_id"], lines, None)


class SignForm(forms.Form):
    code = forms.CharField(label=_("Số hiệu biển"), max_length=40)
    kind = forms.ChoiceField(label=_("Loại biển"), choices=SignKind.choices)
    lon = forms.DecimalField(
        label=_("Kinh độ (WGS84)"),
        max_digits=10,
        decimal_places=7,
        localize=False,
        help_text=COORDINATE_ORDER,
    )
    lat = forms.DecimalField(
        label=_("Vĩ độ (WGS84)"), max_digits=10, decimal_places=7, localize=False
    )
    post_id = forms.TypedChoiceField(label=_("Đồn phụ trách"), coerce=int)
    year_installed = forms.IntegerField(
        label=_("Năm cắm biển"), required=False, min_value=1950, max_value=2100, localize=False
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, posts: list, lines: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["post_id"], posts, None)
        if lines is not None:
            self.fields["line_id"] = forms.TypedChoiceField(label=_("Tuyến biên giới"), coerce=int)
            with_choices(self.fields["line_id"], lines, None)
            self.order_fields(["line_id"])


class GateForm(forms.Form):
    name = forms.CharField(label=_("Tên cửa khẩu"), max_length=200)
    side = forms.ChoiceField(label=_("Phía"), choices=Side.choices)
    kind = forms.ChoiceField(label=_("Loại cửa khẩu"), choices=GateKind.choices)
    paired_with_id = forms.TypedChoiceField(
        label=_("Cửa khẩu đối diện"), required=False, coerce=int, empty_value=None
    )
    opening_hours = forms.CharField(label=_("Giờ mở cửa"), max_length=200, required=False)
    lon = forms.DecimalField(
        label=_("Kinh độ (WGS84)"),
        max_digits=10,
        decimal_places=7,
        localize=False,
        help_text=COORDINATE_ORDER,
    )
    lat = forms.DecimalField(
        label=_("Vĩ độ (WGS84)"), max_digits=10, decimal_places=7, localize=False
    )
    post_id = forms.TypedChoiceField(label=_("Đồn biên phòng phụ trách"), coerce=int)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, posts: list, gates: list, lines: list | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["post_id"], posts, None)
        with_choices(self.fields["paired_with_id"], gates, "—")
        if lines is not None:
            self.fields["line_id"] = forms.TypedChoiceField(label=_("Tuyến biên giới"), coerce=int)
            with_choices(self.fields["line_id"], lines, None)
            self.order_fields(["line_id"])


def status_form(choices: Any, data: Any = None) -> forms.Form:
    """The "record a status" form of a sign or gate, with that object's own states."""
    form = StatusForm(data, prefix="status")
    form.fields["status"].choices = choices.choices  # type: ignore[attr-defined]
    return form


class AdminUnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    level = forms.ChoiceField(
        label=_("Cấp"), required=False, choices=[("", _("Tất cả")), *AdminLevel.choices]
    )
    on = DayField(label=_("Hiệu lực vào ngày"), required=False)


class AdminUnitForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=20)
    name = forms.CharField(label=_("Tên"), max_length=200)
    level = forms.ChoiceField(label=_("Cấp"), choices=AdminLevel.choices)
    division_type = forms.CharField(
        label=_("Loại đơn vị (tỉnh, xã, phường ...)"), max_length=40, required=False
    )
    parent_id = IdField(label=_("Số định danh đơn vị cấp trên"), required=False)
    valid_from = DayField(label=_("Hiệu lực từ"), required=False)
    valid_to = DayField(label=_("Hiệu lực đến"), required=False)
    is_border_area = forms.BooleanField(label=_("Thuộc khu vực biên giới"), required=False)
    population = forms.IntegerField(
        label=_("Dân số (người)"), required=False, min_value=0, max_value=100_000_000, localize=True
    )


class MemberForm(forms.Form):
    committee_id = forms.TypedChoiceField(label=_("Ban chỉ đạo"), coerce=int)
    role = forms.ChoiceField(label=_("Vai trò"), choices=CommitteeRole.choices)
    person = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    agency_id = forms.TypedChoiceField(
        label=_("Cơ quan"), required=False, coerce=int, empty_value=None
    )
    term_from = DayField(label=_("Từ ngày"))
    term_to = DayField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, committees: list, agencies: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["committee_id"], committees, None)
        with_choices(self.fields["agency_id"], agencies, "—")


class MemberEditForm(MemberForm):
    """A seat's own fields; the committee it belongs to does not change."""

    def __init__(self, *args: Any, agencies: list, **kwargs: Any) -> None:
        super().__init__(*args, committees=[], agencies=agencies, **kwargs)
        del self.fields["committee_id"]


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Họ và tên"), required=False, max_length=100)
    committee_id = forms.TypedChoiceField(
        label=_("Ban chỉ đạo"), required=False, coerce=int, empty_value=None
    )
    on = DayField(label=_("Đương nhiệm ngày"), required=False)

    def __init__(self, *args: Any, committees: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["committee_id"], committees, _("Tất cả"))


class CounterpartFilterForm(forms.Form):
    q = forms.CharField(label=_("Tên đơn vị"), required=False, max_length=100)
    country = forms.ChoiceField(
        label=_("Nước"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("CN", _("Trung Quốc")),
            ("LA", _("Lào")),
            ("KH", _("Campuchia")),
        ],
    )
    post_id = forms.TypedChoiceField(
        label=_("Đồn đối diện"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, posts: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["post_id"], posts, _("Tất cả"))


class SectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Mã hoặc tên đoạn"), required=False, max_length=100)
    line_id = forms.TypedChoiceField(
        label=_("Tuyến biên giới"), required=False, coerce=int, empty_value=None
    )
    post_id = forms.TypedChoiceField(
        label=_("Đồn phụ trách"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, lines: list, posts: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["line_id"], lines, _("Tất cả"))
        with_choices(self.fields["post_id"], posts, _("Tất cả"))


class SectionCommuneForm(forms.Form):
    commune_id = IdField(label=_("Số định danh xã, phường"))
    belt_width_m = forms.IntegerField(label=_("Chiều rộng vành đai biên giới (m)"), localize=False)


class CounterpartForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=200)
    kind = forms.CharField(label=_("Loại đơn vị"), max_length=100, required=False)
    country_code = forms.ChoiceField(
        label=_("Nước"), choices=[("CN", _("Trung Quốc")), ("LA", _("Lào")), ("KH", _("Campuchia"))]
    )
    subdivision = forms.CharField(label=_("Địa phương nước bạn"), max_length=200, required=False)
    facing_post_ids = forms.TypedMultipleChoiceField(
        label=_("Đồn đối diện"), coerce=int, required=False
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, posts: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facing_post_ids"].choices = posts  # type: ignore[attr-defined]


class SectionForm(forms.Form):
    code = forms.CharField(label=_("Mã đoạn"), max_length=40)
    name = forms.CharField(label=_("Tên đoạn"), max_length=200)
    post_id = forms.TypedChoiceField(label=_("Đồn phụ trách"), coerce=int)
    geometry = forms.JSONField(
        label=_("Hình học (GeoJSON LineString, WGS84)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            'Ví dụ: {"type": "LineString", "coordinates": [[106.55, 16.62], [106.60, 16.65]]}'
        ),
    )

    def __init__(self, *args: Any, posts: list, lines: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["post_id"], posts, None)
        if lines is None:
            del self.fields["code"]  # a section keeps its code
        else:
            self.fields["line_id"] = forms.TypedChoiceField(label=_("Tuyến biên giới"), coerce=int)
            with_choices(self.fields["line_id"], lines, None)
            self.order_fields(["line_id"])


class SubdivisionForm(forms.Form):
    country_code = forms.ChoiceField(
        label=_("Nước"), choices=[("CN", _("Trung Quốc")), ("LA", _("Lào")), ("KH", _("Campuchia"))]
    )
    name = forms.CharField(label=_("Tên"), max_length=200)
    kind = forms.CharField(label=_("Loại"), max_length=60, required=False)


class SubdivisionEditForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=200)
    kind = forms.CharField(label=_("Loại"), max_length=60, required=False)
