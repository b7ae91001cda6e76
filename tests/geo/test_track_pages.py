"""GPS tracks through the API and on the patrol's page: upload, the effort and the cleaning
report shown, the markers passed offered to the record, removal; bad files and bodies too large
refused naming the file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from biengioi.audit.models import AuditRecord
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError
from biengioi.geo.models import Position, Track
from biengioi.operations.models import MarkerInspection
from biengioi.operations.services import patrol_inspections_add
from biengioi.registry.models import MarkerStatus
from tests.conftest import api_client, make_user, sign_in

from .test_tracks import START, _walk, gpx, patrol  # noqa: F401 (the patrol fixture)

pytestmark = pytest.mark.django_db


def _upload(client, to, content, name="tuantra.gpx", **form):
    return client.post(
        f"/api/v1/patrols/{to.pk}/tracks",
        {"file": SimpleUploadedFile(name, content), **form},
    )


def test_the_api_takes_a_track_answers_its_effort_and_takes_it_back(world, patrol):  # noqa: F811
    api = api_client(world.alice)
    content = gpx(_walk(241))
    made = _upload(api, patrol, content)
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["received"], body["kept"], body["dropped"]) == (241, 241, {})
    assert body["markers_passed"] == ["600"] and body["sections_covered"] == [world.section.code]
    assert body["mode"] == "foot" and 14 < float(body["km"]) < 16 and body["hours"] == 4.0
    again = _upload(api, patrol, content)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    listed = api.get(f"/api/v1/patrols/{patrol.pk}/tracks").json()
    assert [t["id"] for t in listed] == [body["id"]]
    assert api.get(f"/api/v1/tracks/{body['id']}").json()["kept"] == 241
    assert api.delete(f"/api/v1/tracks/{body['id']}").status_code == 204
    assert not Track.objects.exists() and not Position.objects.exists()


def test_the_api_refuses_a_file_that_is_no_track_naming_the_file(world, patrol):  # noqa: F811
    answer = _upload(api_client(world.alice), patrol, b"<gpx><trk><trkseg><trkpt", "x.gpx")
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["file"]
    assert not Track.objects.exists()


def test_a_body_larger_than_a_track_may_be_is_refused_before_it_is_read(
    world,
    patrol,  # noqa: F811
    settings,
):
    """A track's route takes bodies up to TRACK_MAX_BYTES (the other routes 1 MB): over it, 413
    naming the body before the file is read; a file between the limit and the multipart
    envelope's allowance, 422 naming the file."""
    settings.TRACK_MAX_BYTES = 2 * 2**20
    api = api_client(world.alice)
    big = _upload(api, patrol, b"<" * (3 * 2**20))
    assert big.status_code == 413 and big.json()["errors"][0]["field"] == "body"
    taken = _upload(api, patrol, b"<" * (3 * 2**19))  # 1.5 MB: over 1 MB, read as a track
    assert taken.status_code == 422
    assert taken.json()["errors"][0]["message"].startswith("Tệp không đọc được")
    over = _upload(api, patrol, b"<" * (2 * 2**20 + 100))  # within the envelope's allowance
    assert over.status_code == 422 and over.json()["errors"][0]["field"] == "file"
    assert over.json()["errors"][0]["message"].startswith("Tệp lớn quá")
    assert not Track.objects.exists()


def test_another_posts_officer_neither_reads_nor_adds_a_track(world, patrol):  # noqa: F811
    track = _upload(api_client(world.alice), patrol, gpx(_walk(241))).json()
    other = api_client(make_user("other", Role.FIELD_OFFICER, world.post2))
    assert other.get(f"/api/v1/patrols/{patrol.pk}/tracks").status_code == 404
    assert other.get(f"/api/v1/tracks/{track['id']}").status_code == 404
    assert other.delete(f"/api/v1/tracks/{track['id']}").status_code == 404
    assert _upload(other, patrol, gpx(_walk(30))).status_code == 404
    assert Track.objects.count() == 1


def test_the_patrol_page_takes_a_track_and_shows_what_it_shows(world, patrol):  # noqa: F811
    client = Client()
    sign_in(client, world.alice)
    page = f"/patrols/{patrol.pk}/"
    before = client.get(page).content.decode()
    assert 'data-testid="track-upload"' in before and "Chưa có hành trình GPS" in before
    wrong = [(START, 106.5, 16.5), (START, 106.5, 16.5), *_walk(241)[1:]]  # a duplicate
    sent = client.post(
        f"/patrols/{patrol.pk}/tracks/new/",
        {"file": SimpleUploadedFile("garmin.gpx", gpx(wrong)), "mode": "foot"},
    )
    assert sent.status_code == 302 and sent["Location"] == page
    shown = client.get(page).content.decode()
    assert "garmin.gpx" in shown and 'data-testid="track-km"' in shown
    assert "241 trên 242 điểm của tệp" in shown
    assert "1 điểm: trùng thời điểm với điểm trước (điểm số 2)" in shown
    assert ">600</a>" in shown  # the marker passed, linked
    # the record lists no inspection: the page offers the markers passed
    assert 'data-testid="track-offer"' in shown and "inspections/new/?markers=600" in shown


def test_a_bad_file_on_the_page_is_refused_beside_the_file_field(world, patrol):  # noqa: F811
    client = Client()
    sign_in(client, world.alice)
    refused = client.post(
        f"/patrols/{patrol.pk}/tracks/new/",
        {"file": SimpleUploadedFile("x.gpx", b"not a track"), "mode": "foot"},
    )
    assert refused.status_code == 400
    assert "Tệp không đọc được như một tệp GPX" in refused.content.decode()
    assert not Track.objects.exists()


def test_the_markers_passed_are_added_to_the_record_from_the_offer(world, patrol):  # noqa: F811
    client = Client()
    sign_in(client, world.alice)
    _upload(api_client(world.alice), patrol, gpx(_walk(241)))
    form_page = client.get(f"/patrols/{patrol.pk}/inspections/new/?markers=600")
    assert form_page.status_code == 200 and 'value="600"' in form_page.content.decode()
    patrol.refresh_from_db()
    rows = {
        "inspections-TOTAL_FORMS": "1",
        "inspections-INITIAL_FORMS": "0",
        "inspections-0-marker": "600",
        "inspections-0-status": "damaged",
        "inspections-0-note": "Nứt chân đế",
        "version": str(patrol.version),
    }
    saved = client.post(f"/patrols/{patrol.pk}/inspections/new/", rows)
    assert saved.status_code == 302
    inspection = MarkerInspection.objects.get(patrol=patrol)
    assert (inspection.marker, inspection.status) == (world.marker, "damaged")
    assert MarkerStatus.objects.filter(marker=world.marker, status="damaged").exists()
    assert AuditRecord.objects.filter(action="patrol.inspections_add").count() == 1
    assert 'data-testid="track-offer"' not in client.get(f"/patrols/{patrol.pk}/").content.decode()
    # the same form sent again on the old version: refused, nothing added
    stale = client.post(f"/patrols/{patrol.pk}/inspections/new/", rows)
    assert stale.status_code == 400 and MarkerInspection.objects.count() == 1


def test_a_marker_inspected_twice_is_refused_naming_its_row(world, patrol):  # noqa: F811
    item = {"marker_id": world.marker.pk, "status": "intact"}
    patrol_inspections_add(actor=world.alice, patrol_id=patrol.pk, version=1, inspections=[item])
    with pytest.raises(DomainError) as refused:
        patrol_inspections_add(
            actor=world.alice, patrol_id=patrol.pk, version=2, inspections=[item]
        )
    assert (refused.value.code, refused.value.field) == (
        Code.INSPECTED_TWICE,
        "inspections.0.marker_id",
    )
    with pytest.raises(DomainError) as empty:
        patrol_inspections_add(actor=world.alice, patrol_id=patrol.pk, version=2, inspections=[])
    assert empty.value.field == "inspections"


def test_the_track_is_removed_from_the_page(world, patrol):  # noqa: F811
    client = Client()
    sign_in(client, world.alice)
    track = _upload(api_client(world.alice), patrol, gpx(_walk(241))).json()
    confirm = client.get(f"/tracks/{track['id']}/remove/")
    assert confirm.status_code == 200 and "241 điểm" in confirm.content.decode()
    gone = client.post(f"/tracks/{track['id']}/remove/")
    assert gone.status_code == 302 and not Track.objects.exists()
