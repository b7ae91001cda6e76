"""Vietnamese is the source language; the English catalogue must be complete and current."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PO = SRC / "biengioi" / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)[sd]")


def test_every_string_has_an_english_translation_with_the_same_placeholders():
    catalogue = polib.pofile(str(PO))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    for entry in catalogue:
        translations = (
            [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        )
        for text in translations:
            assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(text))


@pytest.mark.needs("xgettext")
def test_the_catalogue_holds_every_string_of_the_source(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "en",
            "-i",
            "*/migrations/*",
            "--no-location",
            "--settings",
            "biengioi.settings",
            "--pythonpath",
            str(copy),
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "BIENGIOI_VAR_DIR": str(tmp_path / "var")},
    )
    fresh = polib.pofile(str(copy / "biengioi" / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh if not e.obsolete and not e.translated()]
    assert missing == [], "run `make messages-update` and translate the new strings"
