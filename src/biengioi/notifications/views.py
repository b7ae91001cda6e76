"""The "Thông báo" page: the user's notifications, unread first; open one (marks it read and goes
to what it is about), mark one or all read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from biengioi.core.forms import SearchForm

from . import selectors, services

PAGE_SIZE = 50


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    form = SearchForm(request.GET)
    form.is_valid()
    rows = selectors.notification_list(
        actor=request.user, unread=unread_only, q=form.cleaned_data.get("q", "")
    )
    if form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    return render(
        request,
        "notifications/list.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "unread_only": unread_only,
            "unread": selectors.unread_count(actor=request.user),
        },
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = services.notification_mark_read(
        actor=request.user, notification_id=notification_id
    )
    link = notification.link
    if link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    services.notification_mark_read(actor=request.user, notification_id=notification_id)
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(actor=request.user)
    return redirect("notifications:list")
