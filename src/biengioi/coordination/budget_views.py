"""Pages of budget estimates: the year's table per unit with each unit's totals and the
province's, exports, and the forms that add or correct a line (secretariat, administrators)."""

import uuid
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, show_domain_error

from . import budget_selectors as selectors
from . import conferences_selectors, services
from .budget_exports import BUDGET
from .budget_forms import BudgetFilterForm, BudgetItemForm
from .models import BudgetItem

CONFIGURE = "coordination.configure"


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(conferences_selectors.own_units(actor=actor), on=on)


def _filtered(request: HttpRequest) -> tuple[BudgetFilterForm, int, Any]:
    form = BudgetFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or timezone.localdate().year
    rows = selectors.budget_list(actor=request.user, year=year, unit_id=data.get("unit_id"))
    return form, year, rows


@login_required
def budget(request: HttpRequest) -> HttpResponse:
    """The year's lines grouped by unit, each group followed by its totals."""
    form, year, rows = _filtered(request)
    totals = selectors.budget_totals(rows)
    per_unit = {t["unit_id"]: t for t in totals["by_unit"]}
    groups: list[dict[str, Any]] = []
    for item in rows:
        if not groups or groups[-1]["unit_id"] != item.unit_id:
            groups.append({"unit_id": item.unit_id, "items": [], "total": per_unit[item.unit_id]})
        groups[-1]["items"].append(item)
    return render(
        request,
        "coordination/budget.html",
        {
            "form": form,
            "year": year,
            "groups": groups,
            "totals": totals,
            "can_configure": access.can(request.user, CONFIGURE),
        },
    )


@login_required
def budget_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[2]
    return tables.download(fmt, _("Kinh phí"), BUDGET, rows, "budget")


def _save(request: HttpRequest, form: BudgetItemForm, item: BudgetItem | None) -> Any:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if item is None:
            data.pop("version", None)
            item, _made = services.budget_item_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.budget_item_update(
                actor=request.user,
                budget_item_id=item.pk,
                version=data.pop("version") or 0,
                **data,
            )
        return redirect(f"/coordination/budget/?year={item.year}")
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def budget_item_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, CONFIGURE)
    form = BudgetItemForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "year": timezone.localdate().year},
        units=_units(request.user, timezone.localdate()),
    )
    return _save(request, form, None) or form_page(request, form, _("Thêm khoản kinh phí"))


@login_required
def budget_item_edit(request: HttpRequest, budget_item_id: int) -> HttpResponse:
    access.require(request.user, CONFIGURE)
    item = selectors.budget_get(actor=request.user, budget_item_id=budget_item_id)
    fields = ("year", "title", "category", "estimated", "approved", "spent", "note", "version")
    form = BudgetItemForm(
        request.POST or None, initial={n: getattr(item, n) for n in fields}, units=None
    )
    return _save(request, form, item) or form_page(
        request, form, _("Sửa: {name}").format(name=item.title)
    )
