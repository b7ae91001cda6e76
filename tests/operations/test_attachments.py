"""Attachments: kept outside the database, taken only when the content is what the name claims
and within the size limit, served only to users in the owner's scope, never duplicated by a
retry."""

import hashlib
import io
import uuid
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biengioi.audit.models import AuditRecord
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError
from biengioi.operations.models import Attachment
from biengioi.operations.services import attachment_add, incident_create, patrol_create
from tests.conftest import make_user, sign_in

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture
def store(settings, tmp_path):
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"
    return settings.ATTACHMENTS_DIR


@pytest.fixture
def patrol(world):
    start = datetime(2025, 9, 12, 0, 30, tzinfo=UTC)
    made, _ = patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=6),
    )
    return made


def _add(world, patrol, name="bien-ban.pdf", content=PDF, kind="patrol_record", **more):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return attachment_add(
        actor=more.pop("actor", world.alice), file=upload, kind=kind, patrol_id=patrol.pk, **more
    )


def _stored_files(store) -> list:
    return [p for p in store.rglob("*") if p.is_file()] if store.exists() else []


def test_a_signed_patrol_record_is_kept_outside_the_database(world, patrol, store):
    attachment, made = _add(world, patrol, note="Biên bản có chữ ký hai bên")
    assert made and attachment.content_type == "application/pdf"
    (path,) = _stored_files(store)
    assert path.read_bytes() == PDF
    assert path.name != "bien-ban.pdf"  # stored under a name of our own
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest() and attachment.size == len(PDF)
    assert attachment.unit == world.post
    record = AuditRecord.objects.filter(action="attachment.create").first()
    assert record.after["sha256"] == attachment.sha256
    photo, _ = _add(world, patrol, name="Mốc 600.JPG", content=JPEG, kind="photo")
    assert photo.content_type == "image/jpeg" and photo.name == "Mốc 600.JPG"
    document, _ = _add(world, patrol, name="cong-ham.docx", content=_docx(), kind="document")
    assert document.content_type.endswith("wordprocessingml.document")
    incident, _ = incident_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="other",
        title="Vụ việc",
        lon=106.6,
        lat=16.6,
        detected_on=datetime(2025, 9, 1, tzinfo=UTC).date(),
        detected_by="Tổ tuần tra",
    )
    kept, _ = attachment_add(
        actor=world.alice,
        file=SimpleUploadedFile("anh.png", PNG),
        kind="photo",
        incident_id=incident.pk,
    )
    assert (kept.incident, kept.patrol) == (incident, None)


@pytest.mark.parametrize(
    ("name", "content", "kind", "code"),
    [
        ("bien-ban.pdf", PNG, "patrol_record", Code.FILE_NOT_WHAT_IT_CLAIMS),
        ("anh.jpg", PDF, "photo", Code.FILE_NOT_WHAT_IT_CLAIMS),
        ("cong-ham.docx", b"PK\x03\x04not really a zip", "document", Code.FILE_NOT_WHAT_IT_CLAIMS),
        ("virus.exe", b"MZ\x90\x00", "document", Code.FILE_TYPE_NOT_ALLOWED),
        ("khong-duoi", PDF, "document", Code.FILE_TYPE_NOT_ALLOWED),
        ("bien-ban.pdf", PDF, "photo", Code.PHOTO_NOT_IMAGE),
        ("rong.pdf", b"", "patrol_record", Code.REQUIRED),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_kept(
    world, patrol, store, name, content, kind, code
):
    audits = AuditRecord.objects.count()
    with pytest.raises(DomainError) as caught:
        _add(world, patrol, name=name, content=content, kind=kind)
    assert (caught.value.code, caught.value.field) == (code, "file")
    assert not Attachment.objects.exists()
    assert _stored_files(store) == []
    assert AuditRecord.objects.count() == audits


def test_a_file_over_the_limit_is_refused(world, patrol, store, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(DomainError) as caught:
        _add(world, patrol, content=PDF + b"0" * 1000)
    assert caught.value.code == Code.FILE_TOO_LARGE
    assert "MB" in caught.value.message
    assert not Attachment.objects.exists() and _stored_files(store) == []
    _add(world, patrol, content=PDF)  # within the limit


def test_a_retried_upload_is_kept_once(world, patrol, store):
    client_id = uuid.uuid4()
    first, made = _add(world, patrol, client_id=client_id)
    again, made_again = _add(world, patrol, client_id=client_id)
    assert (made, made_again, again.pk) == (True, False, first.pk)
    assert len(_stored_files(store)) == 1


def test_files_are_served_only_within_the_owners_scope(world, patrol, store, as_user, client):
    attachment, _ = _add(world, patrol)
    url = f"/api/v1/attachments/{attachment.pk}"
    response = as_user(world.erin).get(url)  # the command above the post
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    other_post = make_user("dave", Role.FIELD_OFFICER, world.post2)
    assert as_user(other_post).get(url).status_code == 404
    assert as_user(world.charlie).get(url).status_code == 404
    sign_in(client, other_post)
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 404  # the page route too
    listed = as_user(world.lee).get(f"/api/v1/patrols/{patrol.pk}/attachments").json()
    assert [a["sha256"] for a in listed] == [attachment.sha256]


def test_the_api_takes_a_multipart_upload_once_and_names_the_bad_field(
    world, patrol, store, as_user, settings
):
    settings.ATTACHMENT_MAX_BYTES = 3 * 1024 * 1024
    api = as_user(world.alice)
    url = f"/api/v1/patrols/{patrol.pk}/attachments"
    big = PNG + b"\x00" * (2 * 1024 * 1024)  # over the 1 MB body limit of other routes
    body = {"kind": "photo", "id": str(uuid.uuid4()), "file": SimpleUploadedFile("a.png", big)}
    first = api.post(url, body)
    assert first.status_code == 201, first.content
    body["file"] = SimpleUploadedFile("a.png", big)
    assert api.post(url, body).status_code == 200
    keyed = {"HTTP_IDEMPOTENCY_KEY": "upload-1"}
    one = api.post(url, {"kind": "photo", "file": SimpleUploadedFile("b.png", PNG)}, **keyed)
    two = api.post(url, {"kind": "photo", "file": SimpleUploadedFile("b.png", PNG)}, **keyed)
    assert (one.status_code, two.status_code) == (201, 200)
    assert Attachment.objects.count() == 2
    refused = api.post(url, {"kind": "photo", "file": SimpleUploadedFile("c.png", PDF)})
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["field"] == "file" and "không phải là tệp PNG" in error["message"]


def test_the_patrol_page_takes_a_file_and_shows_the_refusal(world, patrol, store, client):
    sign_in(client, world.alice)
    page = f"/patrols/{patrol.pk}/"
    assert 'data-testid="attachment-form"' in client.get(page).content.decode()
    form = {"client_id": str(uuid.uuid4()), "kind": "patrol_record", "note": ""}
    refused = client.post(
        f"{page}attachments/", {**form, "file": SimpleUploadedFile("bb.pdf", JPEG)}
    )
    assert refused.status_code == 400
    assert "không phải là tệp PDF" in refused.content.decode()
    kept = client.post(f"{page}attachments/", {**form, "file": SimpleUploadedFile("bb.pdf", PDF)})
    assert kept.status_code == 302
    attachment = Attachment.objects.get()
    assert "bb.pdf" in client.get(page).content.decode()
    download = client.get(f"/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.logout()
    sign_in(client, world.lee)  # leaders read: they see the file, not the form
    page_for_lee = client.get(page).content.decode()
    assert "bb.pdf" in page_for_lee and 'data-testid="attachment-form"' not in page_for_lee


def test_a_file_removed_from_the_folder_answers_404_not_500(world, patrol, store, as_user):
    attachment, _ = _add(world, patrol)
    for path in _stored_files(store):
        path.unlink()
    response = as_user(world.alice).get(f"/api/v1/attachments/{attachment.pk}")
    assert response.status_code == 404


@pytest.fixture
def inspected(world):
    """A patrol with one marker inspected, and another patrol inspecting the same marker."""
    start = datetime(2025, 9, 12, 0, 30, tzinfo=UTC)
    made = []
    for day in (0, 1):
        patrol, _ = patrol_create(
            actor=world.alice,
            unit_id=world.post.pk,
            kind="unilateral",
            line_id=world.line.pk,
            started_at=start + timedelta(days=day),
            ended_at=start + timedelta(days=day, hours=6),
            inspections=[{"marker_id": world.marker.pk, "status": "intact"}],
        )
        made.append(patrol)
    return made


def test_a_photo_is_kept_with_one_marker_inspected_on_the_patrol(world, inspected, store, client):
    patrol, other = inspected
    inspection = patrol.inspections.get()
    photo, _ = _add(world, patrol, "moc-600.png", PNG, "photo", inspection_id=inspection.pk)
    assert photo.inspection == inspection and photo.patrol == patrol
    record = AuditRecord.objects.filter(action="attachment.create").first()
    assert record.after["inspection"] == inspection.pk
    before = (Attachment.objects.count(), AuditRecord.objects.count())
    with pytest.raises(DomainError) as caught:  # the marker met on another patrol
        _add(world, patrol, "x.png", PNG, "photo", inspection_id=other.inspections.get().pk)
    assert (caught.value.field, caught.value.code) == (
        "inspection_id",
        Code.INSPECTION_OTHER_PATROL,
    )
    assert (Attachment.objects.count(), AuditRecord.objects.count()) == before

    sign_in(client, world.alice)
    page = client.get(f"/patrols/{patrol.pk}/").content.decode()
    row = page[page.index('data-testid="inspections"') :].split("</tr>")[1]
    assert "moc-600.png" in row  # shown on the marker's row of the inspections
    form = {
        "client_id": str(uuid.uuid4()),
        "kind": "photo",
        "inspection_id": str(inspection.pk),
        "note": "Phát quang xong",
        "file": SimpleUploadedFile("sau-phat-quang.jpg", JPEG),
    }
    assert client.post(f"/patrols/{patrol.pk}/attachments/", form).status_code == 302
    assert inspection.photos.count() == 2


def test_the_api_takes_a_photo_of_an_inspected_marker(world, inspected, store, as_user):
    patrol, other = inspected
    api = as_user(world.alice)
    url = f"/api/v1/patrols/{patrol.pk}/attachments"
    inspection = patrol.inspections.get()
    body = {"kind": "photo", "inspection_id": str(inspection.pk)}
    made = api.post(url, {**body, "file": SimpleUploadedFile("a.png", PNG)})
    assert made.status_code == 201 and made.json()["inspection_id"] == inspection.pk
    wrong = {"kind": "photo", "inspection_id": str(other.inspections.get().pk)}
    refused = api.post(url, {**wrong, "file": SimpleUploadedFile("b.png", PNG)})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "inspection_id"
