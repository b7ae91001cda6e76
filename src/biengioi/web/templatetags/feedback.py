"""What the form templates (templates/django/forms/) need to help a person mend a refused form:
how many errors it has, and the file they chose that the browser will not send again."""

from typing import Any

from django import forms, template

register = template.Library()


@register.filter
def error_count(form: forms.BaseForm) -> int:
    """Every error of the form: its own and each field's."""
    return sum(len(errors) for errors in form.errors.values())


@register.filter
def chosen_file(field: forms.BoundField) -> str:
    """The name of the file chosen for a file field of a form that came back with errors: the
    browser cannot be given it again, so the page asks for it by name."""
    form = field.form
    if not (form.is_bound and form.errors and isinstance(field.field, forms.FileField)):
        return ""
    chosen: Any = form.files.get(field.html_name)
    return str(getattr(chosen, "name", "") or "")
