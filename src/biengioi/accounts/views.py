from base64 import b32encode
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from biengioi.core.errors import DomainError

from . import selectors, services
from .forms import LoginForm, OtpForm, TokenForm


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "-"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip().lower()
        ip = _client_ip(request)
        if services.login_is_locked(username=username, ip=ip):
            form.add_error(
                None, _("Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.")
            )
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                if services.login_failed(username=username, ip=ip):
                    form.add_error(
                        None,
                        _("Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau."),
                    )
                else:
                    form.add_error("password", _("Tên đăng nhập hoặc mật khẩu không đúng."))
            else:
                services.login_succeeded(user=user, ip=ip)
                login(request, user)
                if user.needs_second_factor:
                    query = urlencode({"next": _next_url(request)})
                    return redirect(f"/accounts/second-factor/?{query}")
                return redirect(_next_url(request))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _next_url(request)},
        status=200 if not form.errors else 400,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = BytesIO()
    image.save(buf)
    return buf.getvalue().decode()


@login_required
def second_factor_view(request: HttpRequest) -> HttpResponse:
    """Verify a TOTP code; a user with no confirmed device enrols one first."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    device = None
    if not confirmed:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = services.totp_device_start(user=user)  # type: ignore[arg-type]
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code, ip = form.cleaned_data["code"], _client_ip(request)
        matched = (
            (device if device.verify_token(code) else None)
            if device is not None
            else match_token(user, code)
        )
        if matched is not None:
            if device is not None:
                services.totp_device_confirm(user=user, device=device)  # type: ignore[arg-type]
            services.second_factor_passed(user=user, device=matched, ip=ip)  # type: ignore[arg-type]
            otp_login(request, matched)
            return redirect(_next_url(request))
        services.second_factor_failed(user=user, ip=ip)  # type: ignore[arg-type]
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
    context = {"form": form, "next": _next_url(request), "enrol": device is not None}
    if device is not None:
        context["secret_b32"] = b32encode(device.bin_key).decode()
        context["qr_svg"] = _qr_svg(device.config_url)
    return render(request, "accounts/second_factor.html", context)


@login_required
def tokens_view(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, plain = services.token_create(
                actor=request.user,
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
            created = plain
            form = TokenForm()
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    tokens = selectors.token_list(actor=request.user)
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": tokens, "created": created}
    )


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        services.token_revoke(actor=request.user, token_id=token_id)
        messages.success(request, _("Đã thu hồi mã truy cập."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("accounts:tokens")
