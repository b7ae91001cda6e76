"""The file store every app's uploads go through: a file is taken only when its content is what
its name claims, hashed on the way in, moved under a name of our own, and nothing is left in the
folder when it is refused or when the row naming it is not written."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biengioi.core import files
from biengioi.core.errors import Code, DomainError

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _left(settings) -> list:
    folder = settings.ATTACHMENTS_DIR
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_taken_file_is_hashed_and_kept_under_a_name_of_our_own(settings):
    with files.received(SimpleUploadedFile("Biên bản.PDF", PDF)) as upload:
        assert (upload.name, upload.extension, upload.content_type) == (
            "Biên bản.PDF",
            "pdf",
            files.PDF,
        )
        assert upload.size == len(PDF) and upload.sha256 == hashlib.sha256(PDF).hexdigest()
        storage_name = files.keep(upload)
    assert _left(settings) == [files.path_of(storage_name)]
    assert storage_name.endswith(".pdf") and "Biên" not in storage_name
    response = files.serve(storage_name=storage_name, name="Biên bản.PDF", content_type=files.PDF)
    assert b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-store"
    assert "inline" in response["Content-Disposition"]
    files.remove(storage_name)
    files.remove(storage_name)  # gone already is fine
    assert _left(settings) == []


@pytest.mark.parametrize(
    ("name", "content", "image", "code"),
    [
        ("a.pdf", PNG, False, Code.FILE_NOT_WHAT_IT_CLAIMS),
        ("a.exe", b"MZ", False, Code.FILE_TYPE_NOT_ALLOWED),
        ("a.pdf", b"", False, Code.REQUIRED),
        ("a.pdf", PDF, True, Code.PHOTO_NOT_IMAGE),
        ("a.pdf", PDF + b"0" * 200, False, Code.FILE_TOO_LARGE),
    ],
)
def test_a_refused_file_leaves_nothing_behind(settings, name, content, image, code):
    settings.ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(DomainError) as caught:
        files.receive(SimpleUploadedFile(name, content), image=image)
    assert (caught.value.code, caught.value.field) == (code, "file")
    assert _left(settings) == []


def test_a_stream_over_the_limit_is_refused_while_copied(settings):
    """A stream that does not say its size is stopped at the limit, its copy removed."""
    settings.ATTACHMENT_MAX_BYTES = 100

    class Stream:
        name = "a.pdf"

        def __init__(self) -> None:
            self.left = [PDF, b"0" * 100]

        def read(self, _size: int) -> bytes:
            return self.left.pop(0) if self.left else b""

    with pytest.raises(DomainError) as caught:
        files.receive(Stream())
    assert caught.value.code == Code.FILE_TOO_LARGE
    assert _left(settings) == []


def test_a_file_whose_row_was_not_written_is_removed(settings):
    with (
        pytest.raises(RuntimeError),
        files.received(SimpleUploadedFile("a.png", PNG), image=True) as upload,
        files.stored(upload) as storage_name,
    ):
        assert files.path_of(storage_name).is_file()
        raise RuntimeError("the row was not written")
    assert _left(settings) == []


def test_a_file_removed_by_hand_answers_404():
    from django.http import Http404

    with pytest.raises(Http404):
        files.serve(storage_name="ab/missing.pdf", name="x.pdf", content_type=files.PDF)
