"""A photo taken on a phone: the attachment form of a patrol (and of an incident) has an input
that opens the camera (`accept="image/*" capture`) beside the one that takes any file kept; a
photo taken is kept as a photo, one file at a time."""

import re
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile

from biengioi.operations.models import Attachment
from tests.conftest import sign_in
from tests.operations.test_attachments import JPEG, PDF, patrol, store  # noqa: F401 (fixtures)


def _input(page: str, name: str) -> str:
    found = re.search(rf'<input type="file" name="{name}"[^>]*>', page)
    assert found, name
    return found.group(0)


def test_the_camera_input_opens_the_camera_and_the_file_input_takes_documents(
    world,
    patrol,  # noqa: F811
    client,
):
    sign_in(client, world.alice)
    page = client.get(f"/patrols/{patrol.pk}/").content.decode()
    camera, chosen = _input(page, "photo"), _input(page, "file")
    assert 'accept="image/*"' in camera and 'capture="environment"' in camera
    assert "capture" not in chosen
    accepted = re.search(r'accept="([^"]*)"', chosen).group(1).split(",")
    assert {".pdf", ".docx", ".jpg", "application/pdf", "image/jpeg", "image/png"} <= set(accepted)


def test_a_photo_taken_is_kept_as_a_photo_and_two_files_at_once_are_refused(
    world,
    patrol,  # noqa: F811
    store,  # noqa: F811
    client,
):
    sign_in(client, world.alice)
    url = f"/patrols/{patrol.pk}/attachments/"
    form = {"client_id": str(uuid.uuid4()), "kind": "patrol_record", "note": ""}
    both = client.post(
        url,
        {
            **form,
            "photo": SimpleUploadedFile("anh.jpg", JPEG),
            "file": SimpleUploadedFile("bb.pdf", PDF),
        },
    )
    assert both.status_code == 400 and "mỗi lần một tệp" in both.content.decode()
    none = client.post(url, form)
    assert none.status_code == 400 and "Chụp ảnh hoặc chọn một tệp" in none.content.decode()
    assert not Attachment.objects.exists()
    taken = client.post(url, {**form, "photo": SimpleUploadedFile("image.jpg", JPEG)})
    assert taken.status_code == 302
    kept = Attachment.objects.get()
    assert (kept.kind, kept.name) == ("photo", "image.jpg")
