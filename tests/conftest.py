"""The people of the tests.

Province "Tỉnh Biên Thùy" (TBT) has a Border Guard command with two posts and a commune;
province "Tỉnh Sông Núi" (TSN) is another province altogether.

- alice: field officer of post Bản Giốc (TBT)
- erin: unit staff of the Border Guard command (TBT)
- sam: secretariat of the province (TBT)
- lee: leader of the province (TBT)
- bob: administrator of the province (TBT)
- charlie: administrator of the other province (TSN)

Each province unit serves its administrative province (TBT: "99", TSN: "SN"), which holds one
commune (admin_commune, tsn_admin_commune): the communes each province's administrators keep.
"""

import os
import shutil
from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from biengioi.accounts.models import User
from biengioi.accounts.services import token_create, user_create
from biengioi.core.access import Role
from biengioi.registry.models import (
    AdminUnit,
    BorderLine,
    BorderSection,
    CommitteeMember,
    CounterpartUnit,
    Gate,
    Marker,
    OrgUnit,
    Sign,
    UnitKind,
)
from biengioi.registry.services import (
    admin_unit_create,
    border_line_create,
    committee_member_add,
    counterpart_create,
    gate_create,
    marker_create,
    section_create,
    sign_create,
    unit_create,
)

# Property tests run beside a whole suite on two shared cores: an example is judged by what it
# finds, never by how long it took (hypothesis' 200 ms deadline failed a test under load).
hypothesis_settings.register_profile("biengioi", deadline=None)
hypothesis_settings.load_profile("biengioi")

PASSWORD = "Mat-khau-du-dai-2025"
# A 27.4 km stretch of the Lao border of Tỉnh Biên Thùy, running north-east through (106.6, 16.6)
LINE_TBT = {"type": "LineString", "coordinates": [[106.5, 16.5], [106.6, 16.6], [106.7, 16.65]]}
LINE_TSN = {"type": "LineString", "coordinates": [[103.95, 22.45], [104.05, 22.55]]}


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
    line: BorderLine
    section: BorderSection
    marker: Marker
    tsn_line: BorderLine
    tsn_section: BorderSection
    tsn_marker: Marker
    sign: Sign
    gate: Gate
    tsn_sign: Sign
    tsn_gate: Gate
    committee: OrgUnit
    member: CommitteeMember
    tsn_member: CommitteeMember
    counterpart: CounterpartUnit
    tsn_counterpart: CounterpartUnit
    admin_commune: AdminUnit
    tsn_admin_commune: AdminUnit

    def by_role(self, role: Role) -> User:
        return {
            Role.FIELD_OFFICER: self.alice,
            Role.UNIT_STAFF: self.erin,
            Role.SECRETARIAT: self.sam,
            Role.LEADER: self.lee,
            Role.ADMINISTRATOR: self.bob,
        }[role]


def make_unit(
    code: str, name: str, kind: str, parent: OrgUnit | None, serves: AdminUnit | None = None
) -> OrgUnit:
    return unit_create(
        actor=None,
        code=code,
        name=name,
        kind=kind,
        parent_id=parent.pk if parent else None,
        admin_unit_id=serves.pk if serves else None,
    )


def make_admin_province(code: str, name: str, commune: str) -> tuple[AdminUnit, AdminUnit]:
    """An administrative province since the 2025 reform and one commune of it."""
    province = admin_unit_create(
        actor=None, code=code, name=name, level="province", valid_from=date(2025, 7, 1)
    )
    return province, admin_unit_create(
        actor=None,
        code=f"{code}001",
        name=commune,
        level="commune",
        parent_id=province.pk,
        valid_from=date(2025, 7, 1),
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
    return build_world()


def build_world() -> World:
    """Two provinces, their units and a user of each role (see World)."""
    province_unit, admin_commune = make_admin_province("99", "Tỉnh Biên Thùy", "Xã Đàm Thủy")
    tsn_province_unit, tsn_admin_commune = make_admin_province("SN", "Tỉnh Sông Núi", "Xã Sông Núi")
    tbt = make_unit("TBT", "Tỉnh Biên Thùy", UnitKind.PROVINCE, None, serves=province_unit)
    bg = make_unit(
        "TBT-BDBP", "Ban Chỉ huy Bộ đội Biên phòng tỉnh", UnitKind.BORDER_GUARD_COMMAND, tbt
    )
    post = make_unit("TBT-DBP-BANGIOC", "Đồn Biên phòng Bản Giốc", UnitKind.BORDER_POST, bg)
    post2 = make_unit("TBT-DBP-LYVAN", "Đồn Biên phòng Lý Vạn", UnitKind.BORDER_POST, bg)
    commune = make_unit("TBT-XA-DAMTHUY", "Xã Đàm Thủy", UnitKind.COMMUNE, tbt)
    tsn = make_unit("TSN", "Tỉnh Sông Núi", UnitKind.PROVINCE, None, serves=tsn_province_unit)
    tsn_bg = make_unit(
        "TSN-BDBP",
        "Ban Chỉ huy Bộ đội Biên phòng tỉnh Sông Núi",
        UnitKind.BORDER_GUARD_COMMAND,
        tsn,
    )
    tsn_post = make_unit("TSN-DBP-1", "Đồn Biên phòng Sông Núi 1", UnitKind.BORDER_POST, tsn_bg)
    line = border_line_create(
        actor=None, country_code="LA", name="Biên giới Việt Nam – Lào", province_id=tbt.pk
    )
    section = section_create(
        actor=None,
        line_id=line.pk,
        code="D1",
        name="Đoạn mốc 600 – 610",
        post_id=post.pk,
        geometry=LINE_TBT,
    )
    marker = marker_create(
        actor=None,
        line_id=line.pk,
        identifier="600",
        kind="main",
        lon=106.6,
        lat=16.6,
        post_id=post.pk,
        section_id=section.pk,
        status="intact",
        status_on=date(2025, 1, 15),
    )
    tsn_line = border_line_create(
        actor=None, country_code="CN", name="Biên giới Việt Nam – Trung Quốc", province_id=tsn.pk
    )
    tsn_section = section_create(
        actor=None,
        line_id=tsn_line.pk,
        code="S1",
        name="Đoạn S1",
        post_id=tsn_post.pk,
        geometry=LINE_TSN,
    )
    tsn_marker = marker_create(
        actor=None,
        line_id=tsn_line.pk,
        identifier="1116",
        kind="main",
        lon=104.0,
        lat=22.5,
        post_id=tsn_post.pk,
    )
    sign = sign_create(
        actor=None,
        line_id=line.pk,
        code="VĐ-01",
        kind="border_belt",
        lon=106.59,
        lat=16.6,
        post_id=post.pk,
        status="intact",
    )
    gate = gate_create(
        actor=None,
        line_id=line.pk,
        name="Cửa khẩu Bản Giốc",
        side="vn",
        kind="main",
        lon=106.62,
        lat=16.61,
        post_id=post.pk,
        status="open",
    )
    tsn_sign = sign_create(
        actor=None,
        line_id=tsn_line.pk,
        code="KV-01",
        kind="border_area",
        lon=104.0,
        lat=22.4,
        post_id=tsn_post.pk,
    )
    tsn_gate = gate_create(
        actor=None,
        line_id=tsn_line.pk,
        name="Cửa khẩu Sông Núi",
        side="vn",
        kind="secondary",
        lon=104.01,
        lat=22.51,
        post_id=tsn_post.pk,
    )
    committee = make_unit(
        "TBT-BCD", "Ban Chỉ đạo công tác biên giới tỉnh", UnitKind.STEERING_COMMITTEE, tbt
    )
    tsn_committee = make_unit(
        "TSN-BCD", "Ban Chỉ đạo công tác biên giới tỉnh Sông Núi", UnitKind.STEERING_COMMITTEE, tsn
    )
    member = committee_member_add(
        actor=None,
        committee_id=committee.pk,
        role="head",
        person="Lê Văn Trưởng",
        position="Phó Chủ tịch UBND tỉnh",
        term_from=date(2025, 7, 1),
    )
    tsn_member = committee_member_add(
        actor=None,
        committee_id=tsn_committee.pk,
        role="head",
        person="Trần Văn Sông",
        term_from=date(2025, 7, 1),
    )
    counterpart = counterpart_create(
        actor=None,
        province_id=tbt.pk,
        name="Đại đội Biên phòng 963",
        country_code="LA",
        subdivision="Savannakhet",
        facing_post_ids=[post.pk],
    )
    tsn_counterpart = counterpart_create(
        actor=None,
        province_id=tsn.pk,
        name="Trạm kiểm tra X",
        country_code="CN",
        subdivision="Vân Nam",
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
        line=line,
        section=section,
        marker=marker,
        tsn_line=tsn_line,
        tsn_section=tsn_section,
        tsn_marker=tsn_marker,
        sign=sign,
        gate=gate,
        tsn_sign=tsn_sign,
        tsn_gate=tsn_gate,
        committee=committee,
        member=member,
        tsn_member=tsn_member,
        counterpart=counterpart,
        tsn_counterpart=tsn_counterpart,
        admin_commune=admin_commune,
        tsn_admin_commune=tsn_admin_commune,
    )


def sign_in(client: Client, user: User) -> None:
    """Sign a user in to the pages; an administrator as after the second factor (a confirmed
    TOTP device in the session), which the pages demand of administrators."""
    client.force_login(user)
    if user.needs_second_factor:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()


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


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder."""
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"


def pytest_configure(config):
    """Tests read the English catalogue: compile it if the .po is newer than the .mo."""
    import runpy
    from pathlib import Path

    runpy.run_path(str(Path(__file__).parent.parent / "scripts" / "compile_messages.py"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test's cached figures (keyed by ids
    and audit sequence numbers that the next test may reuse) must not reach the next one."""
    from django.core.cache import cache

    cache.clear()


# A program a test runs -> the Debian package that installs it (.ci/run installs them all).
TOOLS = {
    "chromium": "chromium",
    "soffice": "libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "xgettext": "gettext",
}


def require_tool(tool: str) -> None:
    """Go on when `tool` is on the PATH. When it is missing, the test fails naming the package
    to install, so that `make test` cannot pass while skipping what it was meant to check; it
    is skipped instead only where the environment says BIENGIOI_ALLOW_SKIP=1 (a machine that
    cannot have the tool)."""
    if shutil.which(tool):
        return
    install = f"apt-get install {TOOLS[tool]}"
    if os.environ.get("BIENGIOI_ALLOW_SKIP") == "1":
        pytest.skip(f"{tool} is not installed ({install}); skipped: BIENGIOI_ALLOW_SKIP=1")
    pytest.fail(
        f"{tool} is not installed: {install} (or set BIENGIOI_ALLOW_SKIP=1 to skip the tests "
        "that need it)",
        pytrace=False,
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """`@pytest.mark.needs("soffice", ...)`: the test needs these programs (see require_tool)."""
    for mark in item.iter_markers("needs"):
        for tool in mark.args:
            require_tool(tool)


@pytest.fixture(scope="session")
def demo_installation(tmp_path_factory):
    """The sample province installed once per run (`biengioi demo --no-serve`: migrations,
    the sample, the static files): tests that need a whole installation take a copy of it
    (`tests.servers.copy_of`) instead of making their own, each of which took half a minute."""
    from tests.servers import Installation, env_for, fresh_database, run

    var = tmp_path_factory.mktemp("demo-installation")
    with fresh_database(var) as url:
        run(env_for(var, url), "demo", "--no-serve")
        yield Installation(var, url)
