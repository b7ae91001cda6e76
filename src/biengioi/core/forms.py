"""Form fields every page takes dates, moments and ids through, held to core.limits as the API's
`In` schemas are: 31/12/9999 in a list's filter is an error beside the field, not a server error
in the date arithmetic behind the list."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .errors import DomainError
from .limits import ID_MIN, INT_MAX, check_day
from .search import MAX_LENGTH, search_text

# One order of coordinates on every form and page (ADR 0010), said beside the longitude.
COORDINATE_ORDER = _(
    "Tọa độ WGS84 theo thứ tự kinh độ, vĩ độ (như trên trang của mốc, cửa khẩu, vụ việc)."
)


def _held_to_calendar(value: date | None) -> None:
    if value is None:
        return
    try:
        check_day(value, field="")
    except DomainError as exc:
        raise ValidationError(exc.message, code=str(exc.code)) from exc


class DayField(forms.DateField):
    """A date, from 01/01/1900 to 31/12/2999."""

    default_validators = [_held_to_calendar]


class MomentField(forms.DateTimeField):
    """A date and time, on a day from 01/01/1900 to 31/12/2999."""

    default_validators = [_held_to_calendar]


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes for a choice of many (the units taking part in a conference): the same
    checkboxes without script; web/static/biengioi/multiselect.js adds a filter box that ignores
    accents and a count of the chosen when there are more than a few."""

    template_name = "core/widgets/multiselect.html"


class IdField(forms.IntegerField):
    """A record's number typed in by hand: one a 64-bit id can be."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", ID_MIN)
        kwargs.setdefault("max_value", INT_MAX)
        kwargs.setdefault("localize", False)
        super().__init__(**kwargs)


class SearchField(forms.CharField):
    """A list's "Tìm kiếm" box, held to what core.search takes: a search of more than
    MAX_LENGTH characters or of only punctuation is an error beside the field, naming it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Tìm kiếm"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", str(MAX_LENGTH))
        self.widget.attrs.setdefault("type", "search")

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        try:
            return search_text(text)
        except DomainError as exc:
            raise ValidationError(exc.message, code=str(exc.code)) from exc


class SearchForm(forms.Form):
    """A list's search alone, for a page whose other filters its template writes."""

    q = SearchField()


def summarise_rows(form: forms.BaseForm, formset: Any, title: Any = "") -> Any:
    """Have the error summary at the top of `form` (web/templates/web/error_summary.html, drawn
    by every form) list the errors of a table of rows drawn after it on the same page: each row's
    error named by its row ("Dòng 2: Mốc: …", after the table's title when the page has more
    than one table) and linked to its cell, and the table's own errors (too many rows…).
    A view calls it once per formset; the formset is given back, so it can be written inline."""
    tables = list(getattr(form, "summarised_rows", ()))
    tables.append((title, formset))
    form.summarised_rows = tables  # type: ignore[attr-defined]
    return formset
