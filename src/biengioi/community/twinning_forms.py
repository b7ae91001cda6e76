"""Forms of the twinnings: the list filters, a pair (each member a name, at most one link among
the registry entries the province offers, and the country of a member given by name alone),
and a meeting or a joint activity of the pair."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchField
from biengioi.registry.forms import with_choices

from .models import TwinningActivityKind, TwinningHostSide, TwinningKind

ACTIVE = [("yes", _("Đang duy trì")), ("no", _("Đã kết thúc"))]


class TwinningFilterForm(forms.Form):
    q = SearchField()
    kind = forms.ChoiceField(label=_("Hình thức"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị phụ trách"), required=False, coerce=int, empty_value=None
    )
    active = forms.ChoiceField(label=_("Tình trạng"), required=False)
    start = DayField(label=_("Ký kết từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["kind"], list(TwinningKind.choices), _("Tất cả"))
        with_choices(self.fields["unit_id"], units, _("Tất cả"))
        with_choices(self.fields["active"], ACTIVE, _("Tất cả"))


def _link(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None)


class TwinningForm(forms.Form):
    """A pair; the member fields are named as the service names them (`first_…`, `second_…`),
    so an error of the service lands beside its field."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị phụ trách"), coerce=int)
    kind = forms.ChoiceField(label=_("Hình thức kết nghĩa"), choices=TwinningKind.choices)

    def __init__(
        self, *args: Any, units: list | None, choices: dict[str, list], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        for prefix, side in (("first", _("Bên thứ nhất")), ("second", _("Bên thứ hai"))):
            fields: dict[str, forms.Field] = {
                "name": forms.CharField(
                    label=_("{side}: tên").format(side=side), max_length=200, required=False
                ),
                "admin_unit_id": _link(_("{side}: thôn, bản, xã (danh mục)").format(side=side)),
                "org_unit_id": _link(_("{side}: đồn biên phòng").format(side=side)),
                "counterpart_id": _link(_("{side}: đơn vị đối đẳng").format(side=side)),
                "subdivision_id": _link(_("{side}: địa phương nước bạn").format(side=side)),
                "country": forms.ChoiceField(
                    label=_("{side}: nước (bên chỉ ghi tên)").format(side=side), required=False
                ),
                "includes": forms.CharField(
                    label=_("{side}: gồm các thôn, bản, xã (cụm)").format(side=side),
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                ),
            }
            for key, field in fields.items():
                if key in choices:
                    with_choices(field, choices[key], "—")
                self.fields[f"{prefix}_{key}"] = field
        self.fields["signed_on"] = DayField(label=_("Ngày ký kết"))
        self.fields["regulation_title"] = forms.CharField(
            label=_("Quy chế (số, tên)"), max_length=200, required=False
        )
        self.fields["regulation_points"] = forms.CharField(
            label=_("Nội dung quy chế"),
            required=False,
            max_length=8000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        self.fields["ended_on"] = DayField(label=_("Ngày kết thúc"), required=False)
        self.fields["note"] = forms.CharField(
            label=_("Ghi chú"),
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )


class ActivityForm(forms.Form):
    """A joint activity, or (without `kind`) a twinning meeting."""

    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Loại hoạt động"),
        choices=[c for c in TwinningActivityKind.choices if c[0] != TwinningActivityKind.MEETING],
    )
    on = DayField(label=_("Ngày"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    host_side = forms.ChoiceField(
        label=_("Bên đăng cai"), required=False, choices=[("", "—"), *TwinningHostSide.choices]
    )
    content = forms.CharField(
        label=_("Nội dung"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    participants_vn = forms.IntegerField(
        label=_("Số người phía Việt Nam"), required=False, min_value=0
    )
    participants_foreign = forms.IntegerField(
        label=_("Số người phía bạn"), required=False, min_value=0
    )

    def __init__(self, *args: Any, meeting: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meeting:
            del self.fields["kind"]
