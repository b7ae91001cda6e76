"""One matching rule for every search: what the user typed and what is stored are compared as
unaccented casefolded words (core.text.unaccent; a word is a run of letters and digits, anything
else parts words), so "phu lang", "Phù Lãng" and "PHU LÃNG" find the same records.

The word rule (ADR 0016): every typed word but the last must be a whole word of the record; the
last may be the beginning of one, so a search finds as the user types ("cua kh" finds "cửa
khẩu"). "tu quan" finds "tự quản" and not "Tuyên Quang"; "an" finds no "Quang".

A field with choices is matched by its Vietnamese label, not its stored value: "sạt lở" finds
the incidents of that kind ("song phương" the bilateral patrols).

The records people find by their words (incidents, crime cases, tasks, conferences, talks,
documents, signs, gates) are `Searched` models: they keep the words of the fields they are found
by (their `SEARCH_FIELDS`) in a `searched` column, written by their own `save()` and by their
queryset's bulk writes. The column holds the words joined by single spaces with a space before
the first and after the last (`kept_text`: " phu lang "), so a whole word is LIKE '% word %' and
a beginning LIKE '% word%' on one column. The registry keeps its `name_search` and
`person_search` columns the same way (`matching_column`). On PostgreSQL each such column has a
pg_trgm GIN index (`trigram_indexes`), which serves those LIKEs (the spaces make even a word of
two letters selective). The unaccent extension is not needed: the column already holds the
words, made in Python by the same function that splits what the user typed, so the two sides can
never disagree.

Text of a model without a kept copy is made into words in the query itself by `KeptWords`: on
SQLite by a function registered on each connection, on PostgreSQL by the built-in translate()
over the same table of letters and regexp_replace() for what parts words. That uses no index; it
is the fallback for a caller that matches on other fields than the model keeps.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django.db import migrations, models
from django.db.models import Case, CharField, Func, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils import translation

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


class KeptWords(Func):
    """The words of an expression as a kept column holds them (`kept_text`), computed by the
    database: " phu lang 222 2 " of "Phù Lãng – 222(2)"."""

    function = "biengioi_kept"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = (
            f"(' ' || REGEXP_REPLACE(LOWER(TRANSLATE(%(expressions)s, '{ACCENTED}', '{PLAIN}')),"
            " '[^[:alnum:]]+', ' ', 'g') || ' ')"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


class Joined(Func):
    """Texts joined by spaces in one flat expression (Concat nests a pair per field, deeper
    than SQLite's parser takes for a list searching many fields)."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()


def register(connection: Any, **_kwargs: Any) -> None:
    """Give a new SQLite connection the functions `Unaccented` and `KeptWords` call
    (connection_created)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "biengioi_unaccent", 1, lambda v: None if v is None else unaccent(v), deterministic=True
        )
        connection.connection.create_function(
            "biengioi_kept", 1, lambda v: None if v is None else kept_text([v]), deterministic=True
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


def kept_text(values: Iterable[Any]) -> str:
    """What a kept search column holds: the words of the values (`words`), joined by single
    spaces, with one before the first and one after the last, so that a whole word is found as
    " word " and a word's beginning as " word" (no word runs from one field into the next);
    "" when there is no word."""
    found = words(" ".join(str(v) for v in values if v not in (None, "")))
    return f" {' '.join(found)} " if found else ""


def _label(field: Any, value: Any) -> Any:
    """The Vietnamese label of a choice field's value (the value itself when it has none)."""
    with translation.override("vi"):
        return str(dict(field.flatchoices).get(value, value))


def kept_values(row: Any, fields: Iterable[str]) -> list[Any]:
    """The values a row is found by: each field's, a choice field's by its Vietnamese label
    (also for a migration's historical model, whose fields keep their choices)."""
    values = []
    for name in fields:
        field, value = row._meta.get_field(name), getattr(row, name)
        values.append(_label(field, value) if field.choices else value)
    return values


def word_rule(column: str, found: Sequence[str]) -> Q:
    """The condition that a kept `column` holds the words: each but the last whole, the last
    whole or as a word's beginning."""
    condition = Q()
    for i, word in enumerate(found):
        tail = "" if i == len(found) - 1 else " "
        condition &= Q(**{f"{column}__contains": f" {word}{tail}"})
    return condition


def matching_column(rows: QuerySet[Any], q: str, column: str) -> QuerySet[Any]:
    """The rows whose kept `column` (written with `kept_text`, like the registry's
    `name_search`) holds the words of `q` by the word rule."""
    found = words(q)
    return rows.filter(word_rule(column, found)) if found else rows


class SearchedQuerySet(QuerySet[Any]):
    """Bulk writes that keep `searched`: bulk_create and bulk_update compute it for each row;
    update() cannot (it never sees the rows), so it refuses to write a searched field without
    writing `searched` too (as bulk_update does, through it)."""

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        for obj in objs:
            obj.keep_searched()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(
        self, objs: Iterable[Any], fields: Iterable[str], *args: Any, **kwargs: Any
    ) -> int:
        objs, fields = list(objs), list(fields)
        if set(fields) & set(self.model.SEARCH_FIELDS) and "searched" not in fields:
            for obj in objs:
                obj.keep_searched()
            fields.append("searched")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        written = sorted(set(kwargs) & set(self.model.SEARCH_FIELDS))
        if written and "searched" not in kwargs:
            raise TypeError(
                f"{self.model.__name__}.objects.update() cannot keep `searched` for "
                f"{', '.join(written)}: save the rows, or bulk_update them"
            )
        return super().update(**kwargs)


class Searched(models.Model):
    """A model found by the words of its `SEARCH_FIELDS`, keeping them (`kept_text`); a field
    with choices among them is kept by its Vietnamese label.

    The copy is derived, never edited: `save()` writes it whatever the caller changed (adding
    it to `update_fields` when one of the fields is among them), and the queryset's bulk writes
    do the same. That is the one piece of logic in a `save()`: a search column that any write
    could leave stale would make records silently unfindable."""

    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ()

    searched = models.TextField(default="", editable=False)

    objects = SearchedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.keep_searched()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.SEARCH_FIELDS):
            kwargs["update_fields"] = [*update_fields, "searched"]
        super().save(*args, **kwargs)

    def keep_searched(self) -> None:
        self.searched = kept_text(kept_values(self, self.SEARCH_FIELDS))


def keeps(model: Any, fields: Sequence[str]) -> bool:
    """Whether `model` keeps the searched copy of exactly these fields (in any order)."""
    declared = getattr(model, "SEARCH_FIELDS", ())
    return bool(declared) and (not fields or set(fields) == set(declared))


def matching(rows: QuerySet[Any], q: str, *fields: str) -> QuerySet[Any]:
    """The rows whose fields hold the words of `q` by the word rule, accents and case ignored,
    a choice field by its label: on the kept `searched` column when the model keeps these
    fields (no fields: the ones it keeps), else by making the words in the query
    (`matching_computed`)."""
    found = words(q)
    if not found:
        return rows
    if not keeps(rows.model, fields):
        return matching_computed(rows, q, *fields)
    return rows.filter(word_rule("searched", found))


def _field(model: Any, path: str) -> Any:
    """The field a lookup path ("unit__kind") ends on."""
    *hops, name = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    return model._meta.get_field(name)


def _text(model: Any, path: str) -> Any:
    """The expression a field is matched by: its value, or a choice field's label."""
    field = _field(model, path)
    if not field.choices:
        return path
    whens = [
        When(**{path: value}, then=Value(_label(field, value))) for value, _ in field.flatchoices
    ]
    return Case(*whens, default=Value(""), output_field=CharField())


def matching_computed(rows: QuerySet[Any], q: str, *fields: str) -> QuerySet[Any]:
    """`matching` without a kept column: the words of the fields are made by the database, row
    by row, which no index can serve."""
    found = words(q)
    if not found:
        return rows
    if not fields:
        raise TypeError(f"{rows.model.__name__} keeps no searched copy: name the fields")
    parts = [Coalesce(Cast(_text(rows.model, name), TextField()), Value("")) for name in fields]
    rows = rows.alias(searched_text=KeptWords(Joined(*parts)))
    return rows.filter(word_rule("searched_text", found))


def fill_searched(app_label: str, fields: dict[str, tuple[str, ...]]) -> Any:
    """A migration step writing the `searched` column of existing rows of the app's models
    (name: the fields it keeps, as they were when the migration was written; a choice field by
    its label, as `Searched` keeps it)."""
    return fill_kept(app_label, {name: ("searched", kept) for name, kept in fields.items()})


def fill_kept(app_label: str, columns: dict[str, tuple[str, tuple[str, ...]]]) -> Any:
    """A migration step writing a kept column of existing rows of the app's models (name: the
    column and the fields it keeps, as they were when the migration was written)."""

    def forward(apps: Any, schema_editor: Any) -> None:
        for name, (column, kept) in columns.items():
            model = apps.get_model(app_label, name)
            rows = model._base_manager.using(schema_editor.connection.alias).only(*kept)
            batch = []
            for row in rows.iterator(chunk_size=2000):
                setattr(row, column, kept_text(kept_values(row, kept)))
                batch.append(row)
                if len(batch) == 2000:
                    model._base_manager.bulk_update(batch, [column])
                    batch = []
            model._base_manager.bulk_update(batch, [column])

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)


def trigram_indexes(*columns: tuple[str, str]) -> Any:
    """A migration step giving each (table, column) a pg_trgm GIN index on PostgreSQL, so that
    LIKE '%word%' on it is an index scan; nothing on SQLite, where a search reads the kept
    column row by row (fast enough at a province's size). pg_trgm is a trusted extension
    (PostgreSQL 13 and later): the database's owner may create it without being a superuser."""

    def names() -> list[tuple[str, str, str]]:
        return [(f"{table}_{column}_trgm", table, column) for table, column in columns]

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for index, table, column in names():
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" '
                f'USING gin ("{column}" gin_trgm_ops)'
            )

    def backward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for index, _table, _column in names():
            schema_editor.execute(f'DROP INDEX IF EXISTS "{index}"')

    return migrations.RunPython(forward, backward)
