from django import forms
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, max_length=256)


class OtpForm(forms.Form):
    code = forms.RegexField(
        label=_("Mã xác thực (6 chữ số)"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": _("Mã gồm đúng 6 chữ số.")},
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Tên mã truy cập"), max_length=100)
    days = forms.IntegerField(label=_("Số ngày hiệu lực"), min_value=1, max_value=366, initial=90)
