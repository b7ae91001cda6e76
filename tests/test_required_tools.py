"""A test that needs a program (Chromium, LibreOffice, poppler, gettext) fails when the program is
missing, naming the package to install, so `make test` cannot pass by skipping what it was meant
to check; BIENGIOI_ALLOW_SKIP=1 turns the failure into a skip."""

import pytest

pytest_plugins = ["pytester"]

NEEDS_PDFTOTEXT = """
import pytest

@pytest.mark.needs("pdftotext")
def test_reads_a_pdf_back():
    pass
"""


@pytest.fixture
def without_tools(pytester, monkeypatch):
    pytester.makeconftest("from tests.conftest import pytest_runtest_setup  # noqa: F401")
    pytester.makeini("[pytest]\nmarkers =\n    needs(*tools): programs a test runs\n")
    pytester.makepyfile(NEEDS_PDFTOTEXT)
    empty = pytester.mkdir("bin")
    monkeypatch.setenv("PATH", str(empty))
    return pytester


def test_a_missing_program_fails_the_test_naming_its_package(without_tools, monkeypatch):
    monkeypatch.delenv("BIENGIOI_ALLOW_SKIP", raising=False)
    result = without_tools.runpytest("-p", "no:django", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*pdftotext is not installed: apt-get install poppler-utils*"])


def test_a_missing_program_skips_the_test_where_skipping_is_allowed(without_tools, monkeypatch):
    monkeypatch.setenv("BIENGIOI_ALLOW_SKIP", "1")
    result = without_tools.runpytest("-p", "no:django", "-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*pdftotext is not installed (apt-get install poppler-utils)*"])


def test_a_program_on_the_path_lets_the_test_run(without_tools, monkeypatch):
    program = without_tools.path / "bin" / "pdftotext"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.delenv("BIENGIOI_ALLOW_SKIP", raising=False)
    result = without_tools.runpytest("-p", "no:django", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
