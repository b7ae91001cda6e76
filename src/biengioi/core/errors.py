"""One error type for every broken domain rule; its message comes from its code through gettext."""

from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class Code(StrEnum):
    REQUIRED = "required"
    CONTROL_CHARACTERS = "control_characters"
    TOO_LONG = "too_long"
    UNIT_REQUIRED = "unit_required"
    UNIT_NOT_IN_SCOPE = "unit_not_in_scope"
    USERNAME_TAKEN = "username_taken"
    CODE_TAKEN = "code_taken"
    WEAK_PASSWORD = "weak_password"
    BAD_ROLE = "bad_role"
    TOKEN_EXPIRY = "token_expiry"
    TOKEN_ALREADY_REVOKED = "token_already_revoked"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    PARENT_KIND = "parent_kind"


MESSAGES: dict[Code, Any] = {
    Code.REQUIRED: _("Trường này là bắt buộc."),
    Code.CONTROL_CHARACTERS: _("Văn bản chứa ký tự điều khiển không được phép."),
    Code.TOO_LONG: _("Văn bản dài quá {max} ký tự."),
    Code.UNIT_REQUIRED: _("Người dùng phải thuộc một đơn vị."),
    Code.UNIT_NOT_IN_SCOPE: _("Đơn vị nằm ngoài phạm vi của bạn."),
    Code.USERNAME_TAKEN: _("Tên đăng nhập “{username}” đã có người dùng."),
    Code.CODE_TAKEN: _("Mã “{code}” đã được dùng cho đơn vị khác."),
    Code.WEAK_PASSWORD: _("Mật khẩu chưa đạt yêu cầu: {reason}"),
    Code.BAD_ROLE: _("Vai trò “{role}” không tồn tại."),
    Code.TOKEN_EXPIRY: _("Thời hạn mã truy cập phải từ 1 đến {max} ngày."),
    Code.TOKEN_ALREADY_REVOKED: _("Mã truy cập này đã bị thu hồi."),
    Code.IDEMPOTENCY_KEY_REUSED: _("Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác."),
    Code.PARENT_KIND: _("Đơn vị loại “{kind}” không thể trực thuộc loại “{parent_kind}”."),
}


class DomainError(Exception):
    """A request broke a rule of the domain; nothing was written."""

    def __init__(self, code: Code, /, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(f"{code}: {field}")

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]).format(**self.params)
