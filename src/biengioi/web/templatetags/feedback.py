"""What the form templates (templates/django/forms/) need to help a person mend a refused form:
its errors listed at its top (with those of the tables of rows drawn after it), and the file they
chose that the browser will not send again."""

from typing import Any, NamedTuple

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


class ErrorItem(NamedTuple):
    """One line of the summary: what is wrong, and the id of the field to mend (or "")."""

    text: str
    anchor: str


def _anchor(field: forms.BoundField) -> str:
    return str(field.id_for_label or field.auto_id or "")


def _rows(title: Any, formset: Any) -> list[ErrorItem]:
    """The errors of a table of rows: the table's own, then each row's, named by its row."""
    title = str(title or "")
    items = [
        ErrorItem(_("{table}: {error}").format(table=title, error=e) if title else str(e), "")
        for e in formset.non_form_errors()
    ]
    for number, row in enumerate(formset.forms, start=1):
        if not row.errors:
            continue

        def named(text: str, number: int = number) -> str:
            if title:
                return _("{table}, dòng {row}: {error}").format(table=title, row=number, error=text)
            return _("Dòng {row}: {error}").format(row=number, error=text)

        visible = row.visible_fields()
        first = _anchor(visible[0]) if visible else ""
        items += [ErrorItem(named(str(e)), first) for e in row.non_field_errors()]
        for field in row.hidden_fields():
            items += [ErrorItem(named(str(e)), first) for e in field.errors]
        for field in visible:
            items += [ErrorItem(named(f"{field.label}: {e}"), _anchor(field)) for e in field.errors]
    return items


@register.filter
def error_items(form: forms.BaseForm | forms.BaseFormSet) -> list[ErrorItem]:
    """Every error of the form, in the order of the page: its own, each field's (linked to the
    field), then those of the tables of rows the view tied to it (core.forms.summarise_rows).
    Given a formset drawn with no form above it (a patrol's inspections added after the fact),
    the errors of its rows."""
    if isinstance(form, forms.BaseFormSet):
        return _rows("", form)
    items = [ErrorItem(str(e), "") for e in form.non_field_errors()]
    for field in form.hidden_fields():
        items += [ErrorItem(str(e), "") for e in field.errors]
    for field in form.visible_fields():
        items += [ErrorItem(f"{field.label}: {e}", _anchor(field)) for e in field.errors]
    for title, formset in getattr(form, "summarised_rows", ()):
        items += _rows(title, formset)
    return items


@register.filter
def chosen_file(field: forms.BoundField) -> str:
    """The name of the file chosen for a file field of a form that came back with errors: the
    browser cannot be given it again, so the page asks for it by name."""
    form = field.form
    if not (form.is_bound and form.errors and isinstance(field.field, forms.FileField)):
        return ""
    chosen: Any = form.files.get(field.html_name)
    return str(getattr(chosen, "name", "") or "")
