"""A province-year whose records add up to the figures the seed reports quote (shared/seeds/),
made through the services as users would make them, with fewer records in 2024 so that every
figure has a previous value and a change.

2025 (year)                          2024 (the year before)
- 81 unilateral, 27 bilateral         72 unilateral, 24 bilateral patrols (Quảng Trị 2025)
  patrols
- 562 propaganda sessions,            500 sessions, 19.000 listeners (Quảng Ninh 2018)
  21.790 listeners
- 4 training courses for 238          3 courses for 200 teams (Quảng Ninh 2018)
  self-management teams
- 15 commune clusters and 5 village   12 and 5 (Hà Giang 2023)
  clusters twinned

The commune of the world (Xã Đàm Thủy, 99001, since 01/07/2025) was formed by merging two border
communes (Xã Đàm Cũ 99101 and Xã Thủy Cũ 99102, until 30/06/2025): 2024's sessions and the teams
are recorded in the old communes, 2025's in both, and the statistics roll them up into Đàm Thủy.

`build(world)` makes it all (the propaganda sessions by the spreadsheet import, the service's bulk
path; the rest through the services in a loop) and returns the numbers the tests expect.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from biengioi.community.models import PropagandaTopic
from biengioi.community.services import (
    propaganda_import,
    propaganda_topics_seed,
    team_create,
    training_course_create,
    twinning_create,
)
from biengioi.operations.services import patrol_create
from biengioi.registry.models import AdminUnit
from biengioi.registry.services import admin_unit_create, admin_unit_update, section_commune_set

YEAR, BEFORE = 2025, 2024
PATROLS = {YEAR: {"unilateral": 81, "bilateral": 27}, BEFORE: {"unilateral": 72, "bilateral": 24}}
SESSIONS = {YEAR: (562, 21_790), BEFORE: (500, 19_000)}
COURSES = {YEAR: (4, 238), BEFORE: (3, 200)}
TEAMS = 238
TWINNED = {
    YEAR: {"commune_township": 15, "cluster_cluster": 5},
    BEFORE: {"commune_township": 12, "cluster_cluster": 5},
}
KM_PER_PATROL = 12
MERGED_ON = date(2025, 7, 1)


@dataclass
class Golden:
    old_communes: list[AdminUnit]  # Xã Đàm Cũ, Xã Thủy Cũ (until 30/06/2025)
    commune: AdminUnit  # Xã Đàm Thủy (since 01/07/2025), their successor


def _communes(world) -> Golden:
    province = world.admin_commune.parent_id
    old = [
        admin_unit_create(
            actor=None,
            code=code,
            name=name,
            level="commune",
            parent_id=province,
            valid_from=date(2000, 1, 1),
            valid_to=MERGED_ON - timedelta(days=1),
            is_border_area=True,
        )
        for code, name in (("99101", "Xã Đàm Cũ"), ("99102", "Xã Thủy Cũ"))
    ]
    commune = admin_unit_update(
        actor=world.bob, admin_unit_id=world.admin_commune.pk, predecessor_ids=[u.pk for u in old]
    )
    section_commune_set(
        actor=None, section_id=world.section.pk, commune_id=commune.pk, belt_width_m=1000
    )
    return Golden(old_communes=old, commune=commune)


def _patrols(world) -> None:
    for year, kinds in PATROLS.items():
        n = 0
        for kind, count in kinds.items():
            for _ in range(count):
                start = datetime(year, 1, 2, 1, 0, tzinfo=UTC) + timedelta(days=3 * n)
                n += 1
                extra = (
                    {"counterpart_id": world.counterpart.pk, "host_side": "vn"}
                    if kind == "bilateral"
                    else {}
                )
                patrol_create(
                    actor=world.alice,
                    unit_id=world.post.pk,
                    kind=kind,
                    line_id=world.line.pk,
                    started_at=start,
                    ended_at=start + timedelta(hours=6),
                    distance_km=KM_PER_PATROL,
                    border_guards=6,
                    **extra,
                )


def _csv_rows(sessions: int, listeners: int, days: list[tuple[date, str]]) -> list[str]:
    """`sessions` rows whose listeners add up to `listeners`, spread over `days` (each with the
    commune code valid on it)."""
    base, extra = divmod(listeners, sessions)
    rows = []
    for i in range(sessions):
        day, commune = days[i % len(days)]
        heard = base + (1 if i < extra else 0)
        rows.append(
            f"{day:%d/%m/%Y};{commune};Bản {i % 7};Họp dân;Luật Biên giới quốc gia;"
            f"{heard};10;0;0;;;"
        )
    return rows


def _propaganda(world, golden: Golden) -> None:
    propaganda_topics_seed(actor=world.sam)
    assert PropagandaTopic.objects.filter(province=world.tbt, name="Luật Biên giới quốc gia")
    header = (
        "Ngày;Xã, phường;Thôn, bản;Hình thức;Chủ đề;Số người nghe;Tờ rơi;Lịch;Sổ tay, tài liệu;"
        "Tài liệu khác;Ngôn ngữ;Ghi chú"
    )
    a, b = (u.code for u in golden.old_communes)
    new = golden.commune.code
    days = {
        # 2025: the first half in the old communes, the second in their successor
        YEAR: [(date(YEAR, 3, 5), a), (date(YEAR, 5, 20), b), (date(YEAR, 9, 9), new)],
        BEFORE: [(date(BEFORE, 4, 1), a), (date(BEFORE, 10, 1), b)],
    }
    for year, (sessions, listeners) in SESSIONS.items():
        text = "\n".join([header, *_csv_rows(sessions, listeners, days[year])]) + "\n"
        result = propaganda_import(
            actor=world.alice,
            unit_id=world.post.pk,
            filename=f"tuyen-truyen-{year}.csv",
            content=text.encode("utf-8-sig"),
            client_id=uuid.uuid4(),
        )
        assert result.ok, result.errors


def _training(world, golden: Golden) -> None:
    teams = [
        team_create(
            actor=world.alice,
            unit_id=world.post.pk,
            kind="line_markers" if i % 2 else "village_security",
            name=f"Tổ tự quản số {i + 1}",
            commune_id=golden.old_communes[i % 2].pk,
            founded_on=date(2020, 3, 3),
        )[0]
        for i in range(TEAMS)
    ]
    for year, (courses, trained) in COURSES.items():
        chosen = teams[:trained]
        share = -(-trained // courses)  # the teams split between the courses
        for c in range(courses):
            start = date(year, 3 + 2 * c, 10)
            training_course_create(
                actor=world.alice,
                unit_id=world.post.pk,
                title=f"Lớp tập huấn số {c + 1}/{year}",
                starts_on=start,
                ends_on=start + timedelta(days=2),
                participants=40,
                team_ids=[t.pk for t in chosen[c * share : (c + 1) * share]],
            )


def _twinning(world) -> None:
    made = {"commune_township": 0, "cluster_cluster": 0}
    for year in (BEFORE - 1, YEAR):  # signed in 2023 (counted in both years) and in 2025
        target = TWINNED[BEFORE] if year < YEAR else TWINNED[YEAR]
        for kind, count in target.items():
            while made[kind] < count:
                made[kind] += 1
                twinning_create(
                    actor=world.alice,
                    unit_id=world.post.pk,
                    kind=kind,
                    signed_on=date(year, 4, 28),
                    first_name=f"Cụm {kind} {made[kind]} (Việt Nam)",
                    second_name=f"Cụm {kind} {made[kind]} (phía bạn)",
                    second_country="LA",
                )


def build(world) -> Golden:
    golden = _communes(world)
    _patrols(world)
    _propaganda(world, golden)
    _training(world, golden)
    _twinning(world)
    return golden
