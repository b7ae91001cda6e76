"""The people of the tests.

Province "Tỉnh Biên Thùy" (TBT) has a Border Guard command with two posts and a commune;
province "Tỉnh Sông Núi" (TSN) is another province altogether.

- alice: field officer of post Bản Giốc (TBT)
- erin: unit staff of the Border Guard command (TBT)
- sam: secretariat of the province (TBT)
- lee: leader of the province (TBT)
- bob: administrator of the province (TBT)
- charlie: administrator of the other province (TSN)
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from biengioi.accounts.models import User
from biengioi.accounts.services import token_create, user_create
from biengioi.core.access import Role
from biengioi.registry.models import OrgUnit, UnitKind
from biengioi.registry.services import unit_create

PASSWORD = "Mat-khau-du-dai-2025"


@dataclass
class World:
    tbt: OrgUnit
    bg: OrgUnit
    post: OrgUnit
    post2: OrgUnit
    commune: OrgUnit
    tsn: OrgUnit
    tsn_bg: OrgUnit
    alice: User
    erin: User
    sam: User
    lee: User
    bob: User
    charlie: User

    def by_role(self, role: Role) -> User:
        return {
            Role.FIELD_OFFICER: self.alice,
            Role.UNIT_STAFF: self.erin,
            Role.SECRETARIAT: self.sam,
            Role.LEADER: self.lee,
            Role.ADMINISTRATOR: self.bob,
        }[role]


def make_unit(code: str, name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    return unit_create(
        actor=None, code=code, name=name, kind=kind, parent_id=parent.pk if parent else None
    )


def make_user(username: str, role: Role, unit: OrgUnit) -> User:
    return user_create(
        actor=None,
        username=username,
        password=PASSWORD,
        unit_id=unit.pk,
        role=role,
        full_name=username.title(),
    )


@pytest.fixture
def world(db) -> World:
    tbt = make_unit("TBT", "Tỉnh Biên Thùy", UnitKind.PROVINCE, None)
    bg = make_unit(
        "TBT-BDBP", "Ban Chỉ huy Bộ đội Biên phòng tỉnh", UnitKind.BORDER_GUARD_COMMAND, tbt
    )
    post = make_unit("TBT-DBP-BANGIOC", "Đồn Biên phòng Bản Giốc", UnitKind.BORDER_POST, bg)
    post2 = make_unit("TBT-DBP-LYVAN", "Đồn Biên phòng Lý Vạn", UnitKind.BORDER_POST, bg)
    commune = make_unit("TBT-XA-DAMTHUY", "Xã Đàm Thủy", UnitKind.COMMUNE, tbt)
    tsn = make_unit("TSN", "Tỉnh Sông Núi", UnitKind.PROVINCE, None)
    tsn_bg = make_unit(
        "TSN-BDBP",
        "Ban Chỉ huy Bộ đội Biên phòng tỉnh Sông Núi",
        UnitKind.BORDER_GUARD_COMMAND,
        tsn,
    )
    return World(
        tbt=tbt,
        bg=bg,
        post=post,
        post2=post2,
        commune=commune,
        tsn=tsn,
        tsn_bg=tsn_bg,
        alice=make_user("alice", Role.FIELD_OFFICER, post),
        erin=make_user("erin", Role.UNIT_STAFF, bg),
        sam=make_user("sam", Role.SECRETARIAT, tbt),
        lee=make_user("lee", Role.LEADER, tbt),
        bob=make_user("bob", Role.ADMINISTRATOR, tbt),
        charlie=make_user("charlie", Role.ADMINISTRATOR, tsn),
    )


def api_client(user: User, language: str = "vi") -> Client:
    """A script's client: a bearer token of `user`, asking for `language`."""
    _, plain = token_create(actor=None, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plain}", HTTP_ACCEPT_LANGUAGE=language)


@pytest.fixture
def as_user():
    return api_client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is the production hasher (see test_settings); tests hash with a cheap one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    """Tests read the English catalogue: compile it if the .po is newer than the .mo."""
    import runpy
    from pathlib import Path

    runpy.run_path(str(Path(__file__).parent.parent / "scripts" / "compile_messages.py"))
