"""Files kept with coordination work: the report file of a submission, the minutes of talks, a
conference's documents, a task's evidence. Kept outside the database by the scope that may change
their owner, taken only when the content is what the name claims and within the size limit, read
by whoever reads the owner, never duplicated by a retry; a submission or a progress update sent
with a refused file is not recorded either. Every refusal names its field and leaves no row, no
audit record and no file behind."""

import hashlib
import io
import re
import uuid
import zipfile
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.coordination.models import Document, Submission, TaskProgress
from biengioi.coordination.rhythms import period_of
from biengioi.coordination.services import (
    conference_create,
    document_add,
    document_remove,
    duty_add,
    regulation_create,
    submission_create,
    submission_create_with_file,
    talks_create,
    task_create,
    task_progress_record,
    task_progress_record_with_file,
)
from biengioi.core import files
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError
from tests.conftest import make_user, sign_in

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
OWNERS = ["submission", "talks", "conference", "progress"]
API = {
    "submission": "/api/v1/submissions/{}/documents",
    "talks": "/api/v1/talks/{}/documents",
    "conference": "/api/v1/conferences/{}/documents",
    "progress": "/api/v1/tasks/progress/{}/documents",
}


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _month(back: int) -> date:
    """The first day of the month `back` months before this one."""
    first = timezone.localdate().replace(day=1)
    for _ in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    return period_of("monthly", 5, first).start


@pytest.fixture
def store(settings):
    return settings.ATTACHMENTS_DIR


def _stored(store) -> list:
    return [p for p in store.rglob("*") if p.is_file()] if store.exists() else []


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def owners(world):
    """One of each owner, all of alice's post (Bản Giốc): a submission of last month's report,
    talks, a conference, and a progress update of a task the Lý Vạn post coordinates."""
    conference, _ = conference_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="briefing",
        title="Giao ban quý III",
        held_on=date(2025, 9, 30),
    )
    talks, _ = talks_create(
        actor=world.alice,
        unit_id=world.post.pk,
        level="post",
        counterpart_id=world.counterpart.pk,
        held_on=date(2025, 3, 20),
        host_side="ours",
    )
    regulation, _ = regulation_create(
        actor=world.sam,
        number="12/QC-BCĐ",
        signed_on=date(2020, 3, 1),
        title="Quy chế phối hợp",
        valid_from=date(2020, 3, 1),
        party_unit_ids=[world.bg.pk, world.commune.pk],
    )
    duty, _ = duty_add(
        actor=world.sam,
        regulation_id=regulation.pk,
        kind="report",
        title="Báo cáo tháng",
        rhythm="monthly",
        due_day=5,
        owner_unit_id=world.post.pk,
    )
    submission, _ = submission_create(
        actor=world.alice,
        duty_id=duty.pk,
        period_start=_month(1),
        submitted_on=timezone.localdate(),
    )
    task, _ = task_create(
        actor=world.alice,
        unit_id=world.post.pk,
        title="Tuần tra song phương",
        deadline=date(2025, 12, 31),
        coordinating_unit_ids=[world.post2.pk],
    )
    progress, _ = task_progress_record(
        actor=world.alice, task_id=task.pk, on=date(2025, 9, 1), text="Đã tuần tra 2 lần"
    )
    return SimpleNamespace(
        submission=submission,
        talks=talks,
        conference=conference,
        progress=progress,
        task=task,
        duty=duty,
    )


def _add(world, owners, owner="conference", name="tai-lieu.pdf", content=PDF, **more):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return document_add(
        actor=more.pop("actor", world.alice),
        file=upload,
        kind=more.pop("kind", "document"),
        **{f"{owner}_id": getattr(owners, owner).pk},
        **more,
    )


def _counts():
    return (
        Document.objects.count(),
        Submission.objects.count(),
        TaskProgress.objects.count(),
        AuditRecord.objects.count(),
    )


# --- the service -------------------------------------------------------------------------


def test_each_owner_keeps_its_files_outside_the_database(world, owners, store):
    kept = [
        ("submission", "report", "Báo cáo tháng.pdf", PDF),
        ("talks", "minutes", "bien-ban-hoi-dam.docx", _docx()),
        ("conference", "photo", "anh.JPG", JPEG),
        ("progress", "evidence", "minh-chung.png", PNG),
    ]
    for owner, kind, name, content in kept:
        document, made = _add(world, owners, owner, name, content, kind=kind, note="Bản ký")
        assert made and getattr(document, owner) == getattr(owners, owner)
        assert document.unit == world.post and document.uploaded_by == world.alice
        assert (document.name, document.kind, document.note) == (name, kind, "Bản ký")
        path = files.path_of(document.storage_name)
        assert path.read_bytes() == content and path.name != name
        assert document.sha256 == hashlib.sha256(content).hexdigest()
        assert document.size == len(content)
        record = AuditRecord.objects.get(action="document.create", object_id=str(document.pk))
        assert record.after["sha256"] == document.sha256
        assert record.after[owner] == getattr(owners, owner).pk
        assert record.scope_path == world.post.path
    assert len(_stored(store)) == 4
    assert {d.content_type for d in Document.objects.all()} == {
        files.PDF,
        files.DOCX,
        files.JPEG,
        files.PNG,
    }


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize(
    ("name", "content", "kind", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "document", Code.FILE_TYPE_NOT_ALLOWED),
        ("bao-cao.pdf", PNG, "document", Code.FILE_NOT_WHAT_IT_CLAIMS),
        ("rong.pdf", b"", "document", Code.REQUIRED),
        ("lon.pdf", PDF + b"0" * 2000, "document", Code.FILE_TOO_LARGE),
        ("anh.pdf", PDF, "photo", Code.PHOTO_NOT_IMAGE),
    ],
)
def test_a_refused_file_writes_nothing_and_leaves_nothing(
    world, owners, store, settings, owner, name, content, kind, code
):
    settings.ATTACHMENT_MAX_BYTES = 1000
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _add(world, owners, owner, name, content, kind=kind)
    assert (caught.value.code, caught.value.field) == (code, "file")
    assert _counts() == before
    assert _stored(store) == []


def test_a_kind_that_does_not_fit_the_owner_is_refused(world, owners, store):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _add(world, owners, "submission", kind="minutes")
    assert (caught.value.code, caught.value.field) == (Code.DOCUMENT_KIND_NOT_FOR_OWNER, "kind")
    assert caught.value.message == "Loại tệp “Biên bản” không dùng cho báo cáo đã nộp."
    with pytest.raises(DomainError) as caught:
        _add(world, owners, "talks", kind="nonsense")
    assert caught.value.field == "kind"
    assert _counts() == before and _stored(store) == []


def test_a_retried_upload_is_kept_once(world, owners, store):
    client_id = uuid.uuid4()
    first, made = _add(world, owners, client_id=client_id)
    again, made_again = _add(world, owners, client_id=client_id)
    assert (made, made_again, again.pk) == (True, False, first.pk)
    assert Document.objects.count() == 1 and len(_stored(store)) == 1
    with pytest.raises(DomainError) as caught:  # another user's client id
        _add(world, owners, actor=world.erin, client_id=client_id)
    assert caught.value.code == Code.CLIENT_ID_TAKEN


def test_only_the_owners_own_scope_keeps_files(world, owners, store):
    dave = make_user("dave", Role.FIELD_OFFICER, world.post2)  # coordinates the task
    before = _counts()
    for owner in OWNERS:
        for outsider in (world.charlie, dave):
            with pytest.raises(Http404):
                _add(world, owners, owner, actor=outsider)
        with pytest.raises(PermissionDenied):  # leaders read, they do not record
            _add(world, owners, owner, actor=world.lee)
    assert _counts() == before and _stored(store) == []
    document, _ = _add(world, owners, "progress", actor=world.erin)  # the command above
    assert document.unit == world.post


def test_a_submission_sent_with_a_refused_file_is_not_recorded(world, owners, store):
    data = {"duty_id": owners.duty.pk, "period_start": _month(2)}
    data["submitted_on"] = timezone.localdate()
    before = _counts()
    with pytest.raises(DomainError) as caught:
        submission_create_with_file(
            actor=world.alice, file=SimpleUploadedFile("bao-cao.pdf", PNG), **data
        )
    assert (caught.value.code, caught.value.field) == (Code.FILE_NOT_WHAT_IT_CLAIMS, "file")
    with pytest.raises(DomainError) as caught:  # a good file, a period the duty does not expect
        submission_create_with_file(
            actor=world.alice,
            file=SimpleUploadedFile("bao-cao.pdf", PDF),
            **{**data, "period_start": data["period_start"] + timedelta(days=3)},
        )
    assert caught.value.field == "period_start"
    assert _counts() == before and _stored(store) == []

    client_id = uuid.uuid4()
    submission, made = submission_create_with_file(
        actor=world.alice,
        file=SimpleUploadedFile("bao-cao.pdf", PDF),
        client_id=client_id,
        **data,
    )
    (report,) = submission.documents.all()
    assert made and report.kind == "report" and report.unit == world.post
    assert files.path_of(report.storage_name).read_bytes() == PDF
    actions = list(AuditRecord.objects.order_by("-seq").values_list("action", flat=True)[:2])
    assert actions == ["document.create", "submission.create"]
    again, made_again = submission_create_with_file(
        actor=world.alice,
        file=SimpleUploadedFile("bao-cao.pdf", PDF),
        client_id=client_id,
        **data,
    )
    assert (again.pk, made_again) == (submission.pk, False)
    assert submission.documents.count() == 1 and len(_stored(store)) == 1


def test_a_progress_update_carries_its_evidence_file_or_is_not_recorded(world, owners, store):
    task = owners.task
    task.refresh_from_db()
    before = _counts()
    with pytest.raises(DomainError):
        task_progress_record_with_file(
            actor=world.alice,
            task_id=task.pk,
            on=date(2025, 9, 15),
            text="Hoàn thành",
            status="done",
            file=SimpleUploadedFile("bien-ban.pdf", b""),
        )
    task.refresh_from_db()
    assert task.status == "new" and _counts() == before and _stored(store) == []
    update, made = task_progress_record_with_file(
        actor=world.alice,
        task_id=task.pk,
        on=date(2025, 9, 15),
        text="Hoàn thành",
        status="done",
        file=SimpleUploadedFile("bien-ban.pdf", PDF),
    )
    (evidence,) = update.documents.all()
    assert made and evidence.kind == "evidence" and len(_stored(store)) == 1
    task.refresh_from_db()
    assert task.status == "done"


def test_a_document_removed_takes_its_file_and_is_audited(
    world, owners, store, django_capture_on_commit_callbacks
):
    document, _ = _add(world, owners, "talks", kind="minutes")
    with pytest.raises(Http404):
        document_remove(actor=world.charlie, document_id=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        document_remove(actor=world.alice, document_id=document.pk)
    assert not Document.objects.exists() and _stored(store) == []
    record = AuditRecord.objects.get(action="document.delete")
    assert record.before["sha256"] == document.sha256 and record.after is None
    assert record.before["name"] == "tai-lieu.pdf"


# --- the API -----------------------------------------------------------------------------


def test_the_api_takes_a_file_for_each_owner_and_serves_it_back(
    world, owners, store, as_user, settings
):
    api = as_user(world.alice)
    for owner, url in API.items():
        url = url.format(getattr(owners, owner).pk)
        body = {"kind": "photo", "note": owner, "file": SimpleUploadedFile("a.png", PNG)}
        made = api.post(url, body)
        assert made.status_code == 201, made.content
        document = made.json()
        assert document[f"{owner}_id"] == getattr(owners, owner).pk
        assert document["sha256"] == hashlib.sha256(PNG).hexdigest()
        listed = as_user(world.lee).get(url).json()  # leaders read them
        assert [d["id"] for d in listed] == [document["id"]]
        download = as_user(world.erin).get(document["url"])
        assert download.status_code == 200 and download["Content-Type"] == "image/png"
        content = b"".join(download.streaming_content)
        assert hashlib.sha256(content).hexdigest() == document["sha256"] and content == PNG
        assert download["Cache-Control"] == "private, no-store"
        outsider = as_user(world.charlie)
        assert outsider.get(url).status_code == 404
        assert outsider.get(document["url"]).status_code == 404
        upload = {"kind": "photo", "file": SimpleUploadedFile("b.png", PNG)}
        assert outsider.post(url, upload).status_code == 404
    assert Document.objects.count() == 4 and len(_stored(store)) == 4


def test_the_api_refuses_a_bad_file_naming_it_and_keeps_a_retry_once(
    world, owners, store, as_user, settings
):
    settings.ATTACHMENT_MAX_BYTES = 3 * 1024 * 1024
    api = as_user(world.alice)
    url = API["conference"].format(owners.conference.pk)
    refused = api.post(url, {"kind": "plan", "file": SimpleUploadedFile("kh.pdf", PNG)})
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["field"] == "file" and "không phải là tệp PDF" in error["message"]
    wrong = api.post(url, {"kind": "minutes", "file": SimpleUploadedFile("bb.pdf", PDF)})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "kind"
    assert _stored(store) == [] and not Document.objects.exists()

    big = PDF + b"0" * (2 * 1024 * 1024)  # over the 1 MB body limit of other routes
    body = {"kind": "conclusion", "id": str(uuid.uuid4())}
    first = api.post(url, {**body, "file": SimpleUploadedFile("tb.pdf", big)})
    assert first.status_code == 201, first.content
    again = api.post(url, {**body, "file": SimpleUploadedFile("tb.pdf", big)})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    keyed = {"HTTP_IDEMPOTENCY_KEY": "upload-1"}
    one = api.post(url, {"kind": "photo", "file": SimpleUploadedFile("a.png", PNG)}, **keyed)
    two = api.post(url, {"kind": "photo", "file": SimpleUploadedFile("a.png", PNG)}, **keyed)
    assert (one.status_code, two.status_code) == (201, 200)
    assert Document.objects.count() == 2 and len(_stored(store)) == 2
    json_body = '{"title": "' + "x" * (2 * 1024 * 1024) + '"}'
    create = api.post("/api/v1/conferences", json_body, content_type="application/json")
    assert create.status_code == 413  # other routes keep the limit


def test_the_api_removes_a_document(world, owners, store, as_user):
    document, _ = _add(world, owners, "submission", kind="report")
    url = f"/api/v1/documents/{document.pk}"
    assert as_user(world.lee).delete(url).status_code == 403
    assert as_user(world.charlie).delete(url).status_code == 404
    assert as_user(world.alice).delete(url).status_code == 204
    assert as_user(world.alice).get(url).status_code == 404
    assert not Document.objects.exists()


# --- the pages ---------------------------------------------------------------------------


def test_the_conference_page_takes_a_file_and_shows_the_refusal(world, owners, store, client):
    sign_in(client, world.alice)
    page = f"/coordination/conferences/{owners.conference.pk}/"
    assert 'data-testid="document-form"' in client.get(page).content.decode()
    form = {"client_id": str(uuid.uuid4()), "kind": "conclusion", "note": "Bản ký"}
    upload = f"{page}documents/"
    refused = client.post(upload, {**form, "file": SimpleUploadedFile("tb.pdf", JPEG)})
    assert refused.status_code == 400
    assert "không phải là tệp PDF" in refused.content.decode()
    assert not Document.objects.exists() and _stored(store) == []
    kept = client.post(upload, {**form, "file": SimpleUploadedFile("tb.pdf", PDF)})
    assert kept.status_code == 302
    document = Document.objects.get()
    text = _text(client.get(page))
    assert "tb.pdf" in text and "Thông báo kết luận" in text and "Bản ký" in text
    download = client.get(f"/coordination/documents/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    sign_in(client, world.lee)  # leaders read: the file, not the form
    for_lee = client.get(page).content.decode()
    assert "tb.pdf" in for_lee and 'data-testid="document-form"' not in for_lee
    assert client.get(f"/coordination/documents/{document.pk}/").status_code == 200
    sign_in(client, world.charlie)
    assert client.get(f"/coordination/documents/{document.pk}/").status_code == 404
    again = {**form, "client_id": str(uuid.uuid4()), "file": SimpleUploadedFile("x.pdf", PDF)}
    assert client.post(upload, again).status_code == 404


def test_the_talks_page_keeps_the_minutes(world, owners, store, client):
    sign_in(client, world.alice)
    page = f"/coordination/talks/{owners.talks.pk}/"
    form = {"client_id": str(uuid.uuid4()), "kind": "minutes", "note": ""}
    docx = SimpleUploadedFile("bien-ban.docx", _docx())
    assert client.post(f"{page}documents/", {**form, "file": docx}).status_code == 302
    assert "bien-ban.docx" in client.get(page).content.decode()
    assert Document.objects.get().talks == owners.talks


def test_the_submit_page_sends_the_report_with_its_file_or_not_at_all(world, owners, store, client):
    sign_in(client, world.alice)
    start = _month(2)
    page = f"/coordination/duties/{owners.duty.pk}/submit/?period={start.isoformat()}"
    blank = client.get(page).content.decode()
    assert 'enctype="multipart/form-data"' in blank and 'name="file"' in blank
    form = {
        "client_id": str(uuid.uuid4()),
        "submitted_on": timezone.localdate().strftime("%d/%m/%Y"),
        "reference": "25/BC-ĐBP",
    }
    refused = client.post(page, {**form, "file": SimpleUploadedFile("bao-cao.pdf", PNG)})
    assert refused.status_code == 400
    assert "không phải là tệp PDF" in refused.content.decode()
    assert not Submission.objects.filter(period_start=start).exists()
    assert not Document.objects.exists() and _stored(store) == []
    sent = client.post(page, {**form, "file": SimpleUploadedFile("bao-cao.pdf", PDF)})
    assert sent.status_code == 302
    submission = Submission.objects.get(period_start=start)
    (report,) = submission.documents.all()
    assert (report.kind, submission.reference) == ("report", "25/BC-ĐBP")
    assert "bao-cao.pdf" in client.get("/coordination/reporting/").content.decode()
    edit = client.get(page).content.decode()  # sent: the files below the form
    assert 'data-testid="documents"' in edit and "bao-cao.pdf" in edit
    upload = f"/coordination/submissions/{submission.pk}/documents/"
    more = {"client_id": str(uuid.uuid4()), "kind": "photo", "note": ""}
    refused = client.post(upload, {**more, "file": SimpleUploadedFile("anh.pdf", PDF)})
    assert refused.status_code == 400 and "Ảnh phải là tệp JPEG hoặc PNG." in _text(refused)
    kept = client.post(upload, {**more, "file": SimpleUploadedFile("anh.png", PNG)})
    assert kept.status_code == 302 and kept["Location"].endswith(f"?period={start.isoformat()}")
    assert submission.documents.count() == 2


def test_the_task_page_shows_the_files_of_each_progress_update(world, owners, store, client):
    sign_in(client, world.alice)
    task = owners.task
    task.refresh_from_db()
    form = {
        "client_id": str(uuid.uuid4()),
        "version": task.version,
        "on": "15/09/2025",
        "text": "Tuần tra lần 3",
        "evidence": "Biên bản số 12",
    }
    new = f"/coordination/tasks/{task.pk}/progress/new/"
    refused = client.post(new, {**form, "file": SimpleUploadedFile("bb.pdf", b"")})
    assert refused.status_code == 400 and "Trường này là bắt buộc." in _text(refused)
    assert TaskProgress.objects.count() == 1 and _stored(store) == []
    sent = client.post(new, {**form, "file": SimpleUploadedFile("bien-ban-12.pdf", PDF)})
    assert sent.status_code == 302
    attach = f"/coordination/progress/{owners.progress.pk}/documents/"
    assert client.get(attach).status_code == 200
    more = {"client_id": str(uuid.uuid4()), "kind": "photo", "note": ""}
    photo = SimpleUploadedFile("anh-tuan-tra.jpg", JPEG)
    assert client.post(attach, {**more, "file": photo}).status_code == 302
    table = _text(client.get(f"/coordination/tasks/{task.pk}/"))
    table = table[table.index('data-testid="task-progress"') :]
    assert "bien-ban-12.pdf" in table and "anh-tuan-tra.jpg" in table
    assert 'data-testid="progress-attach"' in table

    dave = make_user("dave", Role.FIELD_OFFICER, world.post2)  # coordinates: reads, no more
    sign_in(client, dave)
    table = _text(client.get(f"/coordination/tasks/{task.pk}/"))
    assert "anh-tuan-tra.jpg" in table and 'data-testid="progress-attach"' not in table
    photo_doc = Document.objects.get(name="anh-tuan-tra.jpg")
    assert client.get(f"/coordination/documents/{photo_doc.pk}/").status_code == 200
    assert client.get(attach).status_code == 404
    assert client.get(f"/coordination/documents/{photo_doc.pk}/remove/").status_code == 404


def test_a_file_is_removed_from_the_page_after_asking(
    world, owners, store, client, django_capture_on_commit_callbacks
):
    document, _ = _add(world, owners, "conference", kind="plan")
    sign_in(client, world.alice)
    remove = f"/coordination/documents/{document.pk}/remove/"
    asked = client.get(remove)
    assert asked.status_code == 200 and "tai-lieu.pdf" in asked.content.decode()
    assert Document.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(remove)
    assert done.status_code == 302
    assert done["Location"] == f"/coordination/conferences/{owners.conference.pk}/"
    assert not Document.objects.exists() and _stored(store) == []


def test_page_uploads_may_carry_a_file_over_the_body_limit(world, owners, store, client, settings):
    settings.ATTACHMENT_MAX_BYTES = 3 * 1024 * 1024
    big = PDF + b"0" * (2 * 1024 * 1024)
    sign_in(client, world.alice)
    upload = f"/coordination/conferences/{owners.conference.pk}/documents/"
    form = {"client_id": str(uuid.uuid4()), "kind": "plan", "note": ""}
    assert (
        client.post(upload, {**form, "file": SimpleUploadedFile("kh.pdf", big)}).status_code == 302
    )
    start = _month(2)
    submit = f"/coordination/duties/{owners.duty.pk}/submit/?period={start.isoformat()}"
    report = {
        "client_id": str(uuid.uuid4()),
        "submitted_on": timezone.localdate().strftime("%d/%m/%Y"),
        "file": SimpleUploadedFile("bc.pdf", big),
    }
    assert client.post(submit, report).status_code == 302
    task = owners.task
    task.refresh_from_db()
    progress = {
        "client_id": str(uuid.uuid4()),
        "version": task.version,
        "on": "15/09/2025",
        "text": "Tuần tra",
        "file": SimpleUploadedFile("mc.pdf", big),
    }
    assert client.post(f"/coordination/tasks/{task.pk}/progress/new/", progress).status_code == 302
    assert Document.objects.count() == 3
    other = {"title": "x", "file": SimpleUploadedFile("kh.pdf", big)}
    assert client.post("/coordination/conferences/new/", other).status_code == 413


def test_the_lists_of_files_read_in_a_fixed_number_of_queries(world, owners, store, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(client, world.alice)
    urls = [
        f"/coordination/tasks/{owners.task.pk}/",
        f"/coordination/conferences/{owners.conference.pk}/",
        f"/coordination/talks/{owners.talks.pk}/",
        "/coordination/reporting/",
        API["conference"].format(owners.conference.pk),
        API["progress"].format(owners.progress.pk),
    ]

    def queries() -> list[int]:
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    def add_one_each() -> None:
        for owner in OWNERS:
            _add(world, owners, owner, "anh.png", PNG, kind="photo")

    add_one_each()
    few = queries()
    for _ in range(3):
        add_one_each()
    assert queries() == few
