"""One rule for the commune of a marker and of a section's land border area
(registry.selectors.commune): a marker and a section stand today, so their commune is one in force
today. A marker recorded on its form (the service, the API) and one imported from a file, given
the same commune, agree: both refused for a commune merged away, naming the field (the column in
the file), nothing written; both accepted for today's commune."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.registry.imports import marker_import
from biengioi.registry.models import AdminUnit, Marker, SectionCommune
from biengioi.registry.services import marker_create, section_commune_set

HEADER = "Số hiệu,Loại mốc,Kinh độ,Vĩ độ,Đoạn biên giới,Xã, phường\n"


@pytest.fixture
def ended(world):
    """world.admin_commune, merged away yesterday."""
    yesterday = timezone.localdate() - timedelta(days=1)
    AdminUnit.objects.filter(pk=world.admin_commune.pk).update(valid_to=yesterday)
    return AdminUnit.objects.get(pk=world.admin_commune.pk)


def _state():
    return Marker.objects.count(), AuditRecord.objects.count()


def _create(world, commune_id, identifier="605"):
    return marker_create(
        actor=world.erin,
        line_id=world.line.pk,
        identifier=identifier,
        kind="main",
        lon=106.601,
        lat=16.6005,
        post_id=world.post.pk,
        section_id=world.section.pk,
        commune_id=commune_id,
    )


def _import(world, commune_cell, identifier="606"):
    row = f'{identifier},Mốc chính,106.6012,16.6008,D1,"{commune_cell}"\n'
    content = (HEADER.replace("Xã, phường", '"Xã, phường"') + row).encode("utf-8")
    return marker_import(
        actor=world.erin, line_id=world.line.pk, filename="moc.csv", content=content
    )


def test_a_marker_by_hand_and_by_file_agree_on_a_commune_merged_away(world, ended):
    before = _state()
    with pytest.raises(DomainError) as caught:
        _create(world, ended.pk)
    assert (caught.value.code, caught.value.field) == (Code.COMMUNE_NOT_IN_FORCE, "commune_id")
    assert "Xã Đàm Thủy" in caught.value.message
    for cell in (ended.code, ended.name):  # by its code or by its name
        result = _import(world, cell)
        assert not result.ok and [(e.row, e.field) for e in result.errors] == [(2, "commune")]
        assert "Xã Đàm Thủy" in result.errors[0].message
    assert _state() == before


def test_a_marker_by_hand_and_by_file_agree_on_todays_commune(world):
    commune = world.admin_commune
    assert _create(world, commune.pk).commune == commune
    result = _import(world, commune.code)
    assert result.ok and Marker.objects.get(pk=result.ids[0]).commune == commune
    assert _import(world, "", identifier="607").ok  # no commune: none


def test_the_api_refuses_a_marker_in_a_commune_merged_away_with_422(world, ended, as_user):
    api = as_user(world.erin)
    before = _state()
    body = {
        "line_id": world.line.pk,
        "identifier": "605",
        "kind": "main",
        "lon": 106.601,
        "lat": 16.6005,
        "post_id": world.post.pk,
        "commune_id": ended.pk,
    }
    refused = api.post("/api/v1/markers", body, content_type="application/json")
    assert refused.status_code == 422, refused.content
    assert refused.json()["errors"][0]["field"] == "commune_id"
    upload = SimpleUploadedFile(
        "moc.csv",
        (
            HEADER.replace("Xã, phường", '"Xã, phường"')
            + f"606,main,106.6012,16.6008,D1,{ended.code}\n"
        ).encode(),
    )
    imported = api.post("/api/v1/markers/import", {"line_id": world.line.pk, "file": upload})
    assert imported.status_code == 422, imported.content
    assert [e["field"] for e in imported.json()["errors"]] == ["commune"]
    assert _state() == before


def test_a_section_takes_only_a_commune_in_force_today(world, ended, as_user):
    with pytest.raises(DomainError) as caught:
        section_commune_set(
            actor=world.erin, section_id=world.section.pk, commune_id=ended.pk, belt_width_m=500
        )
    assert (caught.value.code, caught.value.field) == (Code.COMMUNE_NOT_IN_FORCE, "commune_id")
    refused = as_user(world.erin).post(
        f"/api/v1/sections/{world.section.pk}/communes",
        {"commune_id": ended.pk, "belt_width_m": 500},
        content_type="application/json",
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "commune_id"
    assert not SectionCommune.objects.exists()
