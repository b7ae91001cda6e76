import json

from biengioi.registry.models import BorderSection, Marker

LINE = {"type": "LineString", "coordinates": [[106.7, 16.65], [106.75, 16.7]]}


def test_staff_draw_a_section_and_its_length_is_computed(world, client):
    client.force_login(world.erin)
    response = client.post(
        "/sections/new/",
        {
            "line_id": world.line.pk,
            "code": "d2",
            "name": "Đoạn mốc 610 – 620",
            "post_id": world.post2.pk,
            "geometry": json.dumps(LINE),
        },
    )
    section = BorderSection.objects.get(code="D2")
    assert response["Location"] == f"/sections/{section.pk}/"
    assert 7.0 < float(section.length_km) < 8.0
    assert "D2" in client.get("/sections/").content.decode()


def test_a_self_crossing_section_is_refused_beside_its_geometry(world, client):
    client.force_login(world.erin)
    crossing = {
        "type": "LineString",
        "coordinates": [[106.6, 16.6], [106.7, 16.7], [106.7, 16.6], [106.6, 16.7]],
    }
    response = client.post(
        "/sections/new/",
        {
            "line_id": world.line.pk,
            "code": "D3",
            "name": "x",
            "post_id": world.post.pk,
            "geometry": json.dumps(crossing),
        },
    )
    assert response.status_code == 400
    assert "tự cắt" in response.context["form"].errors["geometry"][0]
    assert not BorderSection.objects.filter(code="D3").exists()


def test_redrawing_a_section_moves_its_markers_distances(world, client):
    client.force_login(world.erin)
    before = Marker.objects.get(pk=world.marker.pk).distance_to_line_m
    shifted = {
        "type": "LineString",
        "coordinates": [[106.5, 16.501], [106.6, 16.601], [106.7, 16.651]],
    }
    response = client.post(
        f"/sections/{world.section.pk}/edit/",
        {"name": world.section.name, "post_id": world.post.pk, "geometry": json.dumps(shifted)},
    )
    assert response.status_code == 302
    assert Marker.objects.get(pk=world.marker.pk).distance_to_line_m != before
    assert client.get(f"/sections/{world.section.pk}/edit/").status_code == 200


def test_sections_are_searched_without_diacritics_filtered_and_paged(world, client, as_user):
    client.force_login(world.alice)
    found = client.get("/sections/", {"q": "doan moc 600"}).content.decode()
    assert "Đoạn mốc 600 – 610" in found
    assert "Đoạn mốc 600" not in client.get("/sections/", {"q": "song nui"}).content.decode()
    other_post = client.get("/sections/", {"post_id": world.post2.pk}).content.decode()
    assert "Đoạn mốc 600 – 610" not in other_post
    page = as_user(world.alice).get("/api/v1/sections", {"q": "D1", "size": 1}).json()
    assert (page["count"], page["items"][0]["code"]) == (1, "D1")
