from biengioi.registry.models import Gate, GateStatus, Sign


def test_staff_add_a_gate_pair_on_the_pages(world, client):
    client.force_login(world.erin)
    response = client.post(
        "/gates/new/",
        {
            "line_id": world.line.pk,
            "name": "Cửa khẩu Bản Giốc (phía Lào)",
            "side": "neighbour",
            "kind": "main",
            "paired_with_id": world.gate.pk,
            "opening_hours": "07:00 – 17:00",
            "lon": "106.63",
            "lat": "16.62",
            "post_id": world.post.pk,
            "note": "",
        },
    )
    partner = Gate.objects.get(name="Cửa khẩu Bản Giốc (phía Lào)")
    assert response["Location"] == f"/gates/{partner.pk}/"
    shown = client.get(response["Location"]).content.decode()  # the save said, once
    assert "Đã lưu cửa khẩu «Cửa khẩu Bản Giốc (phía Lào)»." in shown
    page = client.get("/gates/").content.decode()
    assert page.count("Cửa khẩu Bản Giốc (phía Lào)") == 2  # its own row and its partner's


def test_a_gate_paired_on_its_own_side_is_refused_beside_the_field(world, client):
    client.force_login(world.erin)
    before = Gate.objects.count()
    response = client.post(
        "/gates/new/",
        {
            "line_id": world.line.pk,
            "name": "Cửa khẩu trùng phía",
            "side": "vn",
            "kind": "main",
            "paired_with_id": world.gate.pk,
            "lon": "106.63",
            "lat": "16.62",
            "post_id": world.post.pk,
        },
    )
    assert response.status_code == 400
    assert "phía bên kia" in response.context["form"].errors["paired_with_id"][0]
    assert Gate.objects.count() == before


def test_a_field_officer_suspends_a_gate_from_its_page(world, client):
    client.force_login(world.alice)
    response = client.post(
        f"/gates/{world.gate.pk}/",
        {
            "status-status": "suspended",
            "status-on": "24/11/2026",
            "status-source": "Thông báo 12/TB-UBND",
        },
    )
    assert response.status_code == 302
    assert GateStatus.objects.filter(gate=world.gate).latest("id").status == "suspended"
    page = client.get(f"/gates/{world.gate.pk}/").content.decode()
    assert "Tạm dừng hoạt động" in page and "Thông báo 12/TB-UBND" in page
    assert client.get(f"/gates/{world.gate.pk}/edit/").status_code == 403


def test_staff_edit_a_sign_and_the_list_shows_it(world, client):
    client.force_login(world.erin)
    page = client.get(f"/signs/{world.sign.pk}/edit/")
    form = {k: ("" if v is None else v) for k, v in page.context["form"].initial.items()}
    form["code"] = "VĐ-01A"
    assert client.post(f"/signs/{world.sign.pk}/edit/", form).status_code == 302
    assert Sign.objects.get(pk=world.sign.pk).code == "VĐ-01A"
    assert "VĐ-01A" in client.get("/signs/").content.decode()
    assert client.get(f"/signs/{world.tsn_sign.pk}/").status_code == 404
