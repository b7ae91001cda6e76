"""Text on the way in: NFC-normalised, stripped, free of control characters and of invisible
characters that make text read otherwise than it is stored.

HTML is not removed: it is stored as the text the user typed and escaped wherever it is shown.
"""

import re
import unicodedata

from .errors import Code, DomainError

# C0 and C1 control characters and DEL; tab and newline are allowed in multi-line text only.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidirectional controls (U+202E shows "gpj.exe" as "exe.jpg") and zero-width characters (two
# names that look the same and are not): refused, not stripped, so that what was typed is either
# stored as it reads or sent back to be retyped. Vietnamese needs none of them; ZWJ and ZWNJ
# matter in some scripts (Khmer, Arabic) that names here are not written in. A byte-order mark
# at the start of a file is removed where files are read (core.sheets), not here.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def refuse_unsafe(value: str, *, field: str, multiline: bool = True) -> str:
    """Refuse, without changing it, text with control or invisible characters (see clean_text):
    the check for text that must be kept exactly as sent (a password, a search of a query)."""
    pattern = _CONTROL if multiline else _CONTROL_SINGLE_LINE
    if pattern.search(value):
        raise DomainError(Code.CONTROL_CHARACTERS, field=field)
    if _INVISIBLE.search(value):
        raise DomainError(Code.INVISIBLE_CHARACTERS, field=field)
    return value


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
    value = refuse_unsafe(value, field=field, multiline=multiline).strip()
    if max_length is not None and len(value) > max_length:
        raise DomainError(Code.TOO_LONG, field=field, max=max_length)
    if required and not value:
        raise DomainError(Code.REQUIRED, field=field)
    return value


def unaccent(value: str) -> str:
    """Casefolded copy without diacritics, for search: "Lạng Sơn" -> "lang son"."""
    decomposed = unicodedata.normalize("NFD", value.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
