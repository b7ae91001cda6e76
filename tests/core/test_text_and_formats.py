import unicodedata
from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from biengioi.core.errors import Code, DomainError
from biengioi.core.text import clean_text, unaccent


def test_unaccent_folds_vietnamese_letters():
    assert unaccent("Lạng Sơn") == "lang son"
    assert unaccent("ĐỒN BIÊN PHÒNG Hướng Phùng") == "don bien phong huong phung"


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩị"
        "óòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐÁÀÂƯƠ "
    )
)
def test_unaccent_of_vietnamese_text_is_plain_ascii_and_stable(text):
    folded = unaccent(text)
    assert folded.isascii()
    assert unaccent(folded) == folded
    assert len(folded) == len(unicodedata.normalize("NFC", text))


def test_clean_text_normalises_to_nfc_and_strips():
    decomposed = unicodedata.normalize("NFD", "  Đồn Biên phòng  ")
    assert clean_text(decomposed, field="name") == "Đồn Biên phòng"


@given(st.text(), st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x9b"]))
def test_clean_text_refuses_any_text_with_a_control_character(text, control):
    with pytest.raises(DomainError) as err:
        clean_text(text + control + text, field="note", multiline=True)
    assert err.value.code == Code.CONTROL_CHARACTERS and err.value.field == "note"


@given(
    st.text(),
    st.sampled_from(["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c"])
    | st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]),
    st.booleans(),
)
def test_clean_text_refuses_bidi_controls_and_zero_width_characters(text, invisible, multiline):
    with pytest.raises(DomainError) as err:
        clean_text(text + invisible + text, field="name", multiline=multiline)
    assert err.value.field == "name"
    assert err.value.code in (Code.INVISIBLE_CHARACTERS, Code.CONTROL_CHARACTERS)


def test_a_right_to_left_override_is_named_in_the_message():
    with pytest.raises(DomainError) as err:
        clean_text("exe.\u202egpj", field="name")
    assert err.value.code == Code.INVISIBLE_CHARACTERS
    assert "U+202E" in err.value.message


def test_multiline_text_keeps_newlines_and_tabs():
    assert clean_text("dòng 1\r\n\tdòng 2", field="note", multiline=True) == "dòng 1\n\tdòng 2"


def _render(template: str, **context) -> str:
    return Template("{% load l10n %}" + template).render(Context(context))


@pytest.mark.parametrize(
    ("language", "number", "date"),
    [
        ("vi", "21.790", "01/03/2026 07:30"),
        ("en", "21,790", "01/03/2026 07:30"),
    ],
)
def test_numbers_dates_and_times_are_shown_the_vietnamese_way(language, number, date):
    moment = datetime(2026, 3, 1, 0, 30, tzinfo=UTC)  # stored in UTC, shown in UTC+7
    with translation.override(language):
        assert _render("{{ n }}", n=21790) == number
        assert _render('{{ d|date:"d/m/Y H:i" }}', d=moment) == date
        assert _render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=moment) == "01/03/2026"
    with translation.override("vi"):
        assert _render("{{ x }}", x=1449.566) == "1.449,566"
