"""GPS tracks on the pages: a panel on the patrol's page (its tracks, what each shows and what
its cleaning dropped, the markers passed that the record lacks), the upload form and the
removal."""

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core import access
from biengioi.core.errors import DomainError
from biengioi.core.scope import in_scope, province_path
from biengioi.operations import selectors as operations
from biengioi.registry import selectors as registry
from biengioi.registry.models import UnitKind

from . import selectors, services
from .tracks import Drop, TravelMode


class TrackForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp hành trình"),
        help_text=_("GPX, GeoJSON, CSV (lon, lat, time) hoặc KML, từ máy GPS hay điện thoại."),
        widget=forms.ClearableFileInput(attrs={"accept": ".gpx,.kml,.geojson,.json,.csv"}),
    )
    mode = forms.ChoiceField(
        label=_("Cách di chuyển"), choices=TravelMode.choices, initial=TravelMode.FOOT
    )


def patrol_panel(request: HttpRequest, patrol: Any) -> str:
    """The patrol page's panel of GPS tracks (core.panels)."""
    if not access.can(request.user, "operations.view"):
        return ""
    can_record = access.can(request.user, "operations.record") and in_scope(
        request.user, patrol.unit.path
    )
    tracks = list(selectors.track_list(actor=request.user, patrol_id=patrol.pk))
    for track in tracks:
        track.reasons = [  # type: ignore[attr-defined]
            (Drop(reason).label, count, track.examples.get(reason, []))
            for reason, count in sorted(track.dropped.items())
        ]
        track.unrecorded = selectors.markers_not_recorded(track)  # type: ignore[attr-defined]
        track.unrecorded_ids = ",".join(m.identifier for m in track.unrecorded)  # type: ignore[attr-defined]
    return render_to_string(
        "geo/_tracks_panel.html",
        {"patrol": patrol, "tracks": tracks, "can_record": can_record, "form": TrackForm()},
        request=request,
    )


@login_required
def track_upload(request: HttpRequest, patrol_id: int) -> HttpResponse:
    access.require(request.user, "operations.record")
    patrol = operations.patrol_get(actor=request.user, patrol_id=patrol_id)
    form = TrackForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.track_import(
                actor=request.user,
                patrol_id=patrol.pk,
                name=upload.name,
                content=upload.read(),
                mode=form.cleaned_data["mode"],
            )
            return redirect("operations:patrol", patrol.pk)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(
        request,
        "geo/track_form.html",
        {"patrol": patrol, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def track_remove(request: HttpRequest, track_id: int) -> HttpResponse:
    track = selectors.track_get(actor=request.user, track_id=track_id)
    if request.method == "POST":
        services.track_remove(actor=request.user, track_id=track.pk)
        return redirect("operations:patrol", track.patrol_id)
    access.require(request.user, "operations.record")
    return render(request, "geo/track_remove.html", {"track": track})


class CoverageFilter(forms.Form):
    post_id = forms.TypedChoiceField(
        label=_("Đồn biên phòng"), required=False, coerce=int, empty_value=None
    )
    days = forms.IntegerField(
        label=_("Chưa có tuần tra đi qua trong (ngày)"),
        min_value=1,
        max_value=3650,
        initial=selectors.DEFAULT_DAYS,
        required=False,
    )
    month = forms.DateField(
        label=_("Tháng"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )


@login_required
def coverage_page(request: HttpRequest) -> HttpResponse:
    """What the GPS tracks reached: the markers no track came near in the last N days, and the
    stretches of the border no track came near this month, for one post or the province."""
    access.require(request.user, "registry.view")
    posts = registry.unit_list(actor=request.user, kind=UnitKind.BORDER_POST).filter(
        path__startswith=province_path(request.user) or "-"
    )
    own = getattr(request.user, "unit", None)
    default_post = own.pk if own is not None and own.kind == UnitKind.BORDER_POST else None
    data = request.GET.copy() if request.GET else None
    form = CoverageFilter(data, initial={"post_id": default_post})
    post_field: Any = form.fields["post_id"]
    post_field.choices = [("", _("Cả tỉnh")), *registry.unit_choices(posts)]
    chosen = form.cleaned_data if form.is_valid() else {}
    post_id = chosen.get("post_id") if data else default_post
    days = chosen.get("days") or selectors.DEFAULT_DAYS
    today = timezone.localdate()
    month = chosen.get("month") or date(today.year, today.month, 1)
    return render(
        request,
        "geo/coverage.html",
        {
            "form": form,
            "days": days,
            "month": month,
            "markers": selectors.coverage_markers(actor=request.user, days=days, post_id=post_id),
            "stretches": selectors.coverage_stretches(
                actor=request.user, month=date(month.year, month.month, 1), post_id=post_id
            ),
        },
        status=400 if form.errors else 200,
    )
