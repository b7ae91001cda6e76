"""Text on the way in: NFC-normalised, stripped, free of control characters.

HTML is not removed: it is stored as the text the user typed and escaped wherever it is shown.
"""

import re
import unicodedata

from .errors import Code, DomainError

# C0 and C1 control characters and DEL; tab and newline are allowed in multi-line text only.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_text(
    value: str,
    *,
    field: str,
    multiline: bool = False,
    max_length: int | None = None,
    required: bool = False,
) -> str:
    value = unicodedata.normalize("NFC", value)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    pattern = _CONTROL if multiline else _CONTROL_SINGLE_LINE
    if pattern.search(value):
        raise DomainError(Code.CONTROL_CHARACTERS, field=field)
    value = value.strip()
    if max_length is not None and len(value) > max_length:
        raise DomainError(Code.TOO_LONG, field=field, max=max_length)
    if required and not value:
        raise DomainError(Code.REQUIRED, field=field)
    return value


def unaccent(value: str) -> str:
    """Casefolded copy without diacritics, for search: "Lạng Sơn" -> "lang son"."""
    decomposed = unicodedata.normalize("NFD", value.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
