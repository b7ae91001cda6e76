"""The "Thông báo" page and API: one's own notifications, unread first; opening one marks it read
and goes to what it is about; the header's badge counts the unread in one query."""

from biengioi.notifications.models import Notification
from biengioi.notifications.services import notify
from tests.conftest import api_client, sign_in


def _two(world):
    notify(recipients=[world.alice], key="a", title="Sắp đến hạn: A", link="/coordination/tasks/")
    notify(recipients=[world.alice, world.erin], key="b", title="Quá hạn: B")
    return Notification.objects.get(recipient=world.alice, key="a")


def test_the_header_badge_counts_the_unread(world, client):
    _two(world)
    sign_in(client, world.alice)
    page = client.get("/coordination/tasks/").content.decode()
    assert 'data-testid="unread-badge"' in page
    assert 'title="Thông báo chưa đọc">2</span>' in page


def test_no_badge_without_unread(world, client):
    sign_in(client, world.lee)
    page = client.get("/").content.decode()
    assert 'data-testid="notifications"' in page
    assert 'data-testid="unread-badge"' not in page


def test_the_badge_costs_one_query(world, client, django_assert_num_queries):
    _two(world)
    sign_in(client, world.alice)
    client.get("/map/")
    with django_assert_num_queries(4):  # session, user, its unit (the header), the count
        client.get("/map/")


def test_the_list_shows_ones_own_and_opening_one_marks_it_read(world, client):
    first = _two(world)
    sign_in(client, world.alice)
    page = client.get("/notifications/").content.decode()
    assert "Sắp đến hạn: A" in page and "Quá hạn: B" in page
    assert "2 thông báo; 2 chưa đọc" in page
    response = client.post(f"/notifications/{first.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/coordination/tasks/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert "2 thông báo; 1 chưa đọc" in client.get("/notifications/").content.decode()


def test_mark_all_read_from_the_page(world, client):
    _two(world)
    sign_in(client, world.alice)
    assert client.post("/notifications/read-all/").status_code == 302
    assert not Notification.objects.filter(recipient=world.alice, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=world.erin, read_at__isnull=True).exists()


def test_another_users_notification_is_not_found(world, client):
    _two(world)
    theirs = Notification.objects.get(recipient=world.erin)
    sign_in(client, world.alice)
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    assert client.post(f"/notifications/{theirs.pk}/open/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_needs_a_post(world, client):
    first = _two(world)
    sign_in(client, world.alice)
    assert client.get(f"/notifications/{first.pk}/open/").status_code == 405
    first.refresh_from_db()
    assert first.read_at is None


def test_the_api_lists_counts_and_marks_read(world):
    first = _two(world)
    api = api_client(world.alice)
    body = api.get("/api/v1/notifications").json()
    assert body["count"] == 2
    assert [n["key"] for n in body["items"]] == ["b", "a"]
    assert api.get("/api/v1/notifications/unread-count").json() == {"unread": 2}
    marked = api.post(f"/api/v1/notifications/{first.pk}/read").json()
    assert marked["read_at"] is not None
    assert api.get("/api/v1/notifications?unread=true").json()["count"] == 1
    assert api.post("/api/v1/notifications/read-all").json() == {"marked": 1}
    assert api.get("/api/v1/notifications/unread-count").json() == {"unread": 0}
    theirs = Notification.objects.get(recipient=world.erin)
    assert api.post(f"/api/v1/notifications/{theirs.pk}/read").status_code == 404
