"""Marker identifiers: strings such as 1116, 1116/1, 222(2), 232/5(1), never integers.

- "1116": main marker 1116; "222(2)": the second marker of double/triple marker 222;
- "232/5": the fifth secondary marker after main marker 232; "232/5(1)": the first of a double
  secondary marker.

The natural order puts a main marker before its secondary markers and before the next main
marker (1116 < 1116/1 < 1116/2 < 1117), and the members of a double or triple marker in order
(222(1) < 222(2) < 222(3)).
"""

import re
from dataclasses import dataclass

from biengioi.core.errors import Code, DomainError
from biengioi.core.text import unaccent

_PATTERN = re.compile(r"^(?P<main>\d{1,5})(?:/(?P<sub>\d{1,4}))?(?:\((?P<part>[1-3])\))?$")


@dataclass(frozen=True, order=True)
class MarkerId:
    main: int
    sub: int  # 0 for a main marker
    part: int  # 0 for a single marker, 1-3 for a member of a double or triple marker

    def __str__(self) -> str:
        text = str(self.main)
        if self.sub:
            text += f"/{self.sub}"
        if self.part:
            text += f"({self.part})"
        return text

    @property
    def sort_key(self) -> str:
        """A string that sorts like the identifier, for ORDER BY in the database."""
        return f"{self.main:05d}.{self.sub:04d}.{self.part}"

    @property
    def members_key(self) -> str:
        """The sort-key prefix shared by the members of a double or triple marker of this
        number ("240" → 240(1), 240(2), 240(3)) and by the number itself."""
        return f"{self.main:05d}.{self.sub:04d}."


def parse(text: str, *, field: str = "identifier") -> MarkerId:
    cleaned = re.sub(r"\s+", "", text or "")
    match = _PATTERN.match(cleaned)
    if not match or (match["sub"] is not None and int(match["sub"]) == 0):
        raise DomainError(Code.MARKER_ID_INVALID, field=field, identifier=text)
    return MarkerId(int(match["main"]), int(match["sub"] or 0), int(match["part"] or 0))


def prefix_key(text: str) -> str | None:
    """The sort-key prefix of everything a search for `text` should find ("222" finds 222,
    222(1), 222/3 ...; "232/5" finds 232/5 and 232/5(1)); None when `text` is not a prefix."""
    cleaned = re.sub(r"\s+", "", text or "")
    m = re.match(r"^(\d{1,5})(?:/(\d{1,4}))?$", cleaned)
    if not m:
        return None
    key = f"{int(m[1]):05d}."
    if m[2]:
        key += f"{int(m[2]):04d}."
    return key


# What people type before a number: "mốc 222", "moc 222", "cọc dấu 15", "M222", "số 222".
_SPOKEN = re.compile(r"^\s*(?:moc|coc\s*dau|coc|m|so)\s*(?:so\s*)?(?=\d)")


def searched(text: str) -> str:
    """The identifier part of a search ("mốc 222" → "222"), ignoring accents and case."""
    plain = unaccent(text or "")
    match = _SPOKEN.match(plain)
    return plain[match.end() :] if match else (text or "").strip()
