"""Forms of the training courses: the list filters and a course (the teams it trained ticked
among the actor's teams)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from biengioi.core.forms import DayField, SearchableCheckboxes
from biengioi.registry.forms import with_choices


class CourseFilterForm(forms.Form):
    start = DayField(label=_("Khai giảng từ ngày"), required=False)
    end = DayField(label=_("Đến ngày"), required=False)
    unit_id = forms.TypedChoiceField(
        label=_("Đơn vị tổ chức"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, units: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_choices(self.fields["unit_id"], units, _("Tất cả"))


class CourseForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit_id = forms.TypedChoiceField(label=_("Đơn vị tổ chức"), coerce=int)
    title = forms.CharField(label=_("Tên lớp tập huấn"), max_length=200)
    starts_on = DayField(label=_("Từ ngày"))
    ends_on = DayField(label=_("Đến ngày"))
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    participants = forms.IntegerField(label=_("Số người tham dự"), required=False, min_value=0)
    people_trained = forms.IntegerField(
        label=_("Số người được tập huấn"), required=False, min_value=0
    )
    team_ids = forms.TypedMultipleChoiceField(
        label=_("Tổ tự quản được tập huấn"),
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

    def __init__(self, *args: Any, units: list | None, teams: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit_id"]
        else:
            with_choices(self.fields["unit_id"], units, None)
        with_choices(self.fields["team_ids"], teams, None)
