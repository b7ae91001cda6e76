"""One matching rule for every search: what the user typed and what is stored are compared as
unaccented casefolded copies (core.text.unaccent), word by word, so "phu lang", "Phù Lãng" and
"PHU LÃNG" find the same records.

Records with a kept copy (a `name_search` column) are filtered on it; other text is unaccented
in the query itself by `Unaccented`: on SQLite by a function registered on each connection,
on PostgreSQL by the built-in translate() over the same table of letters. Neither uses an
index; the searches that call it are bounded by their callers (a few rows of each kind).
"""

import unicodedata
from typing import Any

from django.db.models import CharField, Func, Q, QuerySet, Value
from django.db.models.functions import Concat

from .errors import Code, DomainError
from .text import refuse_unsafe, unaccent

MAX_LENGTH = 100  # what a person types into a search box; more is not a search


def _letters() -> tuple[str, str]:
    """Every precomposed Latin letter with a diacritic (Vietnamese and its neighbours) and the
    plain letter `unaccent` makes of it, for PostgreSQL's translate()."""
    source, target = [], []
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        letter = chr(code)
        plain = unaccent(letter)
        if len(plain) == 1 and plain.isascii() and plain.isalpha() and plain != letter:
            source.append(letter)
            target.append(plain)
    return "".join(source), "".join(target)


ACCENTED, PLAIN = _letters()


class Unaccented(Func):
    """The unaccented casefolded copy of an expression, computed by the database."""

    function = "biengioi_unaccent"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = f"LOWER(TRANSLATE(%(expressions)s, '{ACCENTED}', '{PLAIN}'))"
        return self.as_sql(compiler, connection, template=template, **extra)


def register(connection: Any, **_kwargs: Any) -> None:
    """Give a new SQLite connection the function `Unaccented` calls (connection_created)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "biengioi_unaccent", 1, lambda v: None if v is None else unaccent(v), deterministic=True
        )


def search_text(q: str | None, *, field: str = "q") -> str:
    """The search as typed, NFC and stripped; an error naming `field` when it is too long to be
    a search or holds no letter or digit (only punctuation finds nothing worth showing)."""
    text = unicodedata.normalize("NFC", refuse_unsafe(q or "", field=field, multiline=False))
    text = text.strip()
    if len(text) > MAX_LENGTH:
        raise DomainError(Code.TOO_LONG, field=field, max=MAX_LENGTH)
    if not words(text):
        raise DomainError(Code.SEARCH_EMPTY, field=field)
    return text


def words(text: str) -> list[str]:
    """The unaccented words of a search, punctuation dropped: "Mốc 222(2)!" -> moc, 222, 2."""
    plain = "".join(c if c.isalnum() else " " for c in unaccent(text))
    return plain.split()


def matching(rows: QuerySet[Any], q: str, *fields: str) -> QuerySet[Any]:
    """The rows whose text fields hold every word of `q`, accents and case ignored."""
    found = words(q)
    if not found:
        return rows
    parts: list[Any] = []
    for name in fields:
        parts += [name, Value(" ")]
    text = Concat(*parts, output_field=CharField()) if len(fields) > 1 else fields[0]
    rows = rows.alias(searched_text=Unaccented(text))
    condition = Q()
    for word in found:
        condition &= Q(searched_text__contains=word)
    return rows.filter(condition)
