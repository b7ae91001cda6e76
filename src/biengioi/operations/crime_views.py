"""Pages of crime and violations: the case list with the table by category (filters, export), a
case's page, the form that records a case with its persons and seizures (and records how it was
dealt with), and the special operations and peak campaigns with the cases of each."""

import uuid
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.core.forms import summarise_rows
from biengioi.core.scope import in_scope
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, record_day, show_domain_error

from . import crime_selectors as selectors
from . import exports, services
from .crime_forms import (
    CaseFilterForm,
    CaseForm,
    OperationFilterForm,
    OperationForm,
    PersonFormSet,
    SeizureFormSet,
)
from .models import CrimeCase, CrimeOperation
from .views import PAGE_SIZE


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.case_units(actor=actor), on=on)


def _operations(actor: Any) -> list[tuple[int, str]]:
    return selectors.operation_choices(actor=actor)


def _filtered(request: HttpRequest) -> tuple[CaseFilterForm, Any]:
    form = CaseFilterForm(
        request.GET or None,
        units=_units(request.user),
        operations=_operations(request.user),
    )
    data = form.cleaned_data if form.is_valid() else {}
    cases = selectors.crime_case_list(
        actor=request.user,
        q=data.get("q") or "",
        start=data.get("start"),
        end=data.get("end"),
        unit_id=data.get("unit_id"),
        category=data.get("category") or "",
        handling=data.get("handling") or "",
        operation_id=data.get("operation_id"),
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        cases = cases.none()
    return form, cases


@login_required
def cases(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "operations/crime_cases.html",
        {
            "form": form,
            "page": Paginator(selectors.with_person_counts(rows), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "table": selectors.crime_table(rows),
            "can_record": access.can(request.user, "operations.record"),
        },
    )


@login_required
def cases_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = selectors.with_person_counts(_filtered(request)[1]).prefetch_related("seizures")
    title = _("Vụ việc vi phạm pháp luật")
    return tables.download(fmt, title, exports.CRIME_CASES, rows, "crime")


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.crime_case_get(actor=request.user, case_id=case_id)
    return render(
        request,
        "operations/crime_case_detail.html",
        {
            "case": case,
            "persons": list(case.persons.all()),
            "seizures": list(case.seizures.all()),
            "can_record": access.can(request.user, "operations.record")
            and in_scope(request.user, case.unit.path),
        },
    )


def _show(form: Any, formsets: dict[str, Any], exc: DomainError) -> None:
    """Put a service error beside its field: a field of the case, or of a row of a table."""
    name, _sep, rest = (exc.field or "").partition(".")
    if name in formsets:
        index, _sep, field = rest.partition(".")
        kept = [f for f in formsets[name].forms if f.row() is not None]
        if index.isdigit() and int(index) < len(kept):
            row = kept[int(index)]
            row.add_error(field if field in row.fields else None, exc.message)
            return
    show_domain_error(form, exc, {})


def _rows(formset: Any) -> list[dict[str, Any]]:
    return [row for form in formset.forms if (row := form.row()) is not None]


def _case_form(
    request: HttpRequest,
    form: CaseForm,
    case: CrimeCase | None,
    title: str,
    client_id: str | None,
    persons: list[dict[str, Any]] | None = None,
    seizures: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    """The case form with its two tables; saved through the service, errors put in place."""
    data = request.POST if request.method == "POST" else None
    person_rows = PersonFormSet(data, prefix="persons", initial=persons)
    seizure_rows = SeizureFormSet(data, prefix="seizures", initial=seizures)
    summarise_rows(form, person_rows, _("Đối tượng"))
    summarise_rows(form, seizure_rows, _("Tang vật thu giữ"))
    if data is not None and form.is_valid() and person_rows.is_valid() and seizure_rows.is_valid():
        fields = dict(form.cleaned_data)
        fields.pop("client_id", None)
        try:
            if case is None:
                case, _made = services.crime_case_create(
                    actor=request.user,
                    client_id=uuid.UUID(client_id or ""),
                    persons=_rows(person_rows),
                    seizures=_rows(seizure_rows),
                    **fields,
                )
            else:
                services.crime_case_update(
                    actor=request.user,
                    case_id=case.pk,
                    version=fields.pop("version") or 0,
                    persons=_rows(person_rows),
                    seizures=_rows(seizure_rows),
                    **fields,
                )
            return redirect("operations:crime_case", case.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            _show(form, {"persons": person_rows, "seizures": seizure_rows}, exc)
        except ValueError:
            form.add_error(None, _("Mã định danh biểu mẫu không hợp lệ; hãy tải lại trang."))
    return render(
        request,
        "operations/crime_case_form.html",
        {
            "form": form,
            "persons": person_rows,
            "seizures": seizure_rows,
            "client_id": client_id,
            "title": title,
            "back": case,
        },
        status=400 if data is not None else 200,
    )


def _communes(actor: Any) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in registry.border_communes(actor=actor)]


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    """Record a case; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, "operations.record")
    form = CaseForm(
        request.POST or None,
        initial={"detected_on": timezone.localdate()},
        units=_units(request.user, record_day(request, "detected_on")),
        communes=_communes(request.user),
        operations=_operations(request.user),
    )
    client_id = request.POST.get("client_id") or str(uuid.uuid4())
    return _case_form(request, form, None, _("Ghi nhận vụ việc vi phạm pháp luật"), client_id)


@login_required
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    """Correct a case or record how it was dealt with; persons and seizures are kept as the
    tables show them. An edit made on a copy someone has changed since is refused."""
    access.require(request.user, "operations.record")
    case = selectors.crime_case_get(actor=request.user, case_id=case_id)
    names = ["category", "title", "detected_on", "place", "lon", "lat", "commune_id"]
    names += ["operation_id"]
    names += ["description", "handling", "handled_on", "decision", "fine_vnd", "version"]
    form = CaseForm(
        request.POST or None,
        initial={name: getattr(case, name) for name in names},
        units=None,
        communes=_communes(request.user),
        operations=_operations(request.user),
    )
    persons = [
        {
            "full_name": p.full_name,
            "birth_year": p.birth_year,
            "sex": p.sex,
            "nationality": p.nationality,
            "residence": p.residence,
            "wanted": p.wanted,
        }
        for p in case.persons.all()
    ]
    seizures = [
        {"item": s.item, "quantity": s.quantity, "unit": s.unit, "value_vnd": s.value_vnd}
        for s in case.seizures.all()
    ]
    title = _("Sửa vụ việc: {title}").format(title=case.title)
    return _case_form(request, form, case, title, None, persons, seizures)


def _operations_filtered(request: HttpRequest) -> tuple[OperationFilterForm, Any]:
    form = OperationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.operation_list(
        actor=request.user,
        q=data.get("q") or "",
        kind=data.get("kind") or "",
        status=data.get("status") or "",
        start=data.get("start"),
        end=data.get("end"),
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    return form, rows


@login_required
def operations_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _operations_filtered(request)[1]
    title = _("Chuyên án, kế hoạch cao điểm")
    return tables.download(fmt, title, exports.CRIME_OPERATIONS, rows, "crime-operations")


@login_required
def operations(request: HttpRequest) -> HttpResponse:
    form, rows = _operations_filtered(request)
    return render(
        request,
        "operations/crime_operations.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_record": access.can(request.user, "operations.record"),
        },
    )


@login_required
def operation_detail(request: HttpRequest, operation_id: int) -> HttpResponse:
    """An operation and what it yielded in the user's scope: its cases and their table."""
    operation = selectors.operation_get(actor=request.user, operation_id=operation_id)
    cases = selectors.crime_case_list(actor=request.user, operation_id=operation.pk)
    return render(
        request,
        "operations/crime_operation_detail.html",
        {
            "operation": operation,
            "cases": selectors.with_person_counts(cases)[:PAGE_SIZE],
            "case_count": cases.count(),
            "table": selectors.crime_table(cases),
            "can_record": access.can(request.user, "operations.record")
            and in_scope(request.user, operation.unit.path),
        },
    )


def _save_operation(
    request: HttpRequest, form: OperationForm, operation: CrimeOperation | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if operation is None:
            operation, _made = services.crime_operation_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            services.crime_operation_update(
                actor=request.user,
                operation_id=operation.pk,
                version=data.pop("version") or 0,
                **data,
            )
        return redirect("operations:crime_operation", operation.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def operation_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "operations.record")
    form = OperationForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "started_on": timezone.localdate()},
        units=_units(request.user, record_day(request, "started_on")),
    )
    return _save_operation(request, form, None) or form_page(
        request, form, _("Mở chuyên án, kế hoạch cao điểm")
    )


@login_required
def operation_edit(request: HttpRequest, operation_id: int) -> HttpResponse:
    """Correct an operation, or end it with its result."""
    access.require(request.user, "operations.record")
    operation = selectors.operation_get(actor=request.user, operation_id=operation_id)
    names = ["kind", "name", "decision", "category", "started_on", "ended_on", "target"]
    form = OperationForm(
        request.POST or None,
        initial={name: getattr(operation, name) for name in [*names, "result", "version"]},
        units=None,
    )
    return _save_operation(request, form, operation) or form_page(
        request, form, _("Sửa: {name}").format(name=operation.name)
    )
