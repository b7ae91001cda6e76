"""Pages of information exchanges: the list with its filters (period, unit, channel,
counterpart, awaiting a reply), the counts line per channel, and exports; an exchange's page
(linking to the incident it concerns); the forms that record or correct an exchange and its
reply."""

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
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, record_day, show_domain_error

from . import conferences_selectors, services
from . import exchanges_selectors as selectors
from .models import InfoExchange
from .talks_exports import EXCHANGES
from .talks_forms import ExchangeFilterForm, ExchangeForm
from .talks_selectors import counterparts

PAGE_SIZE = 50
RECORD = "coordination.record"
_NAMES = [
    "on",
    "channel",
    "direction",
    "counterpart_id",
    "other_unit_id",
    "subject",
    "summary",
    "incident_id",
    "reply_expected",
    "reply_by",
    "replied_on",
    "reply_summary",
    "version",
]


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(conferences_selectors.own_units(actor=actor), on=on)


def _counterparts(actor: Any) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in counterparts(actor=actor)]


def _filtered(request: HttpRequest) -> tuple[ExchangeFilterForm, Any]:
    form = ExchangeFilterForm(
        request.GET or None,
        units=_units(request.user),
        counterparts=_counterparts(request.user),
    )
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.exchange_list(
        actor=request.user,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        unit_id=data.get("unit_id"),
        channel=data.get("channel") or None,
        counterpart_id=data.get("counterpart_id"),
        reply=data.get("reply") or None,
    )
    return form, rows


@login_required
def exchanges(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "coordination/exchanges.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "counts": selectors.exchange_counts(rows),
            "today": timezone.localdate(),
            "can_record": access.can(request.user, RECORD),
        },
    )


@login_required
def exchanges_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[1]
    return tables.download(fmt, _("Trao đổi thông tin"), EXCHANGES, rows, "exchanges")


@login_required
def exchange_detail(request: HttpRequest, exchange_id: int) -> HttpResponse:
    exchange = selectors.exchange_get(actor=request.user, exchange_id=exchange_id)
    return render(
        request,
        "coordination/exchange_detail.html",
        {
            "exchange": exchange,
            "overdue": exchange.reply_overdue(timezone.localdate()),
            "can_record": access.can(request.user, RECORD),
        },
    )


def _form(request: HttpRequest, initial: dict[str, Any], with_unit: bool) -> ExchangeForm:
    user = request.user
    # a new exchange offers the units of the day posted, an edit those of its own day
    on = record_day(request, "on") if with_unit or request.method == "POST" else initial["on"]
    return ExchangeForm(
        request.POST or None,
        initial=initial,
        units=_units(user, on) if with_unit else None,
        counterparts=_counterparts(user),
        province_units=registry.unit_choices(
            conferences_selectors.province_units(actor=user),
            on=on,
            keep=[initial.get("other_unit_id")],
        ),
        incidents=selectors.incident_choices(actor=user),
    )


def _save(
    request: HttpRequest, form: ExchangeForm, exchange: InfoExchange | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if exchange is None:
            data.pop("version", None)
            exchange, _made = services.exchange_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.exchange_update(
                actor=request.user,
                exchange_id=exchange.pk,
                version=data.pop("version") or 0,
                **data,
            )
        return redirect("coordination:exchange", exchange.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def exchange_create(request: HttpRequest) -> HttpResponse:
    """Record an exchange; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, RECORD)
    form = _form(request, {"client_id": uuid.uuid4(), "on": timezone.localdate()}, True)
    return _save(request, form, None) or form_page(request, form, _("Ghi trao đổi thông tin"))


@login_required
def exchange_edit(request: HttpRequest, exchange_id: int) -> HttpResponse:
    """Correct an exchange or record the reply it was waiting for."""
    access.require(request.user, RECORD)
    exchange = selectors.exchange_get(actor=request.user, exchange_id=exchange_id)
    form = _form(request, {n: getattr(exchange, n) for n in _NAMES}, False)
    return _save(request, form, exchange) or form_page(
        request, form, _("Sửa: {name}").format(name=exchange.subject)
    )
