"""Sample community work for the demo province: the self-management teams guided by the Phù
Lang post (border line and markers, village security, solidarity) with their members, activity
log and the last review on the All-People Border Defence Day, two training courses given to
them, the post's propaganda sessions on the province's usual topics, and the pairs it twinned
with its Lao neighbours with their twinning meetings; days count back from the reference day
(`today`, by default the day the demo is loaded)."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid5

from django.utils import timezone

from biengioi.accounts.models import User
from biengioi.registry.models import AdminLevel, AdminUnit, Marker
from biengioi.registry.sample import sample_commune, sample_unit_on

OFFICER = "canbo.phulang"
NAMESPACE = UUID("5a0e7c1d-3b2f-4e6a-8d9c-1f2e3d4c5b6a")  # fixed: the same ids on every load

_MEMBERS = [
    ("collective", "Chi hội Nông dân thôn"),
    ("collective", "Chi đoàn Thanh niên thôn"),
    ("household", "Hộ ông Hoàng Văn Páo"),
    ("household", "Hộ ông Lục Văn Sình"),
    ("household", "Hộ bà Nông Thị Mai"),
    ("individual", "Ông Vàng A Chứ"),
    ("individual", "Ông Lù Văn Tỉn"),
]


def load_sample_teams(today: date | None = None) -> int:
    """Three teams of the Phù Lang post's communes; returns how many were made now."""
    from .models import SelfManagementTeam
    from .services import team_activity_add, team_create, team_member_add, team_review_add

    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    if officer is None or officer.unit is None:
        return 0
    markers = list(
        Marker.objects.filter(post=officer.unit, commune__isnull=False).order_by("sort_key")
    )
    commune = (
        markers[0].commune
        if markers
        else AdminUnit.objects.filter(level=AdminLevel.COMMUNE).order_by("code").first()
    )
    if commune is None:
        return 0
    own = [m.pk for m in markers if m.commune_id == commune.pk][:4]
    today = today or timezone.localdate()
    founded = date(today.year - 9, 3, 3)
    review_year = today.year if (today.month, today.day) >= (3, 3) else today.year - 1
    teams = [
        ("line_markers", "Tổ tự quản đường biên, mốc quốc giới thôn Nà Pồ", "Nà Pồ", "4.5", own),
        ("village_security", "Tổ tự quản an ninh trật tự bản Khuổi Lừa", "Khuổi Lừa", "0", []),
        ("solidarity", "Tổ đoàn kết thôn Lũng Sình", "Lũng Sình", "0", []),
    ]
    made = 0
    for n, (kind, name, village, km, marker_ids) in enumerate(teams):
        client_id = uuid5(NAMESPACE, f"team-{n}")
        if SelfManagementTeam.objects.filter(uuid=client_id).exists():
            continue
        team, _ = team_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            kind=kind,
            name=f"{name} (DỮ LIỆU MẪU)",
            commune_id=commune.pk,
            village=village,
            founded_on=founded,
            leader=_MEMBERS[5 + n % 2][1].removeprefix("Ông "),
            km_managed=km,
            marker_ids=marker_ids,
            funding_vnd=5_000_000 if kind == "line_markers" else None,
            funding_source="Ngân sách xã" if kind == "line_markers" else "",
        )
        for m, (member_kind, member_name) in enumerate(_MEMBERS[n : n + 5]):
            team_member_add(
                actor=officer,
                client_id=uuid5(NAMESPACE, f"team-{n}-member-{m}"),
                team_id=team.pk,
                kind=member_kind,
                name=member_name,
                registered_on=founded,
            )
        team_activity_add(
            actor=officer,
            client_id=uuid5(NAMESPACE, f"team-{n}-activity"),
            team_id=team.pk,
            on=today - timedelta(days=12 + n),
            summary="Cùng tổ công tác Đồn Biên phòng tuần tra, phát quang đường biên, tuyên "
            "truyền nhân dân không vượt biên trái phép",
        )
        team_review_add(
            actor=officer,
            client_id=uuid5(NAMESPACE, f"team-{n}-review"),
            team_id=team.pk,
            year=review_year,
            held_on=date(review_year, 3, 3),
            grade=["excellent", "good", "fair"][n],
            note="Bình xét nhân Ngày Biên phòng toàn dân",
        )
        made += 1
    return made


def load_sample_training(today: date | None = None) -> int:
    """Two courses that trained the sample teams: one of the province's Border Guard command
    (two days, two teams), one of the Phù Lang post (one day, its three teams); returns how
    many were made now. Run after `load_sample_teams`."""
    from .models import SelfManagementTeam, TrainingCourse
    from .services import training_course_create

    keys = [uuid5(NAMESPACE, f"team-{n}") for n in range(3)]
    found = dict(SelfManagementTeam.objects.filter(uuid__in=keys).values_list("uuid", "pk"))
    if len(found) < len(keys):
        return 0
    team_ids = [found[key] for key in keys]
    today = today or timezone.localdate()
    courses = [
        (
            "nghiepvu.bdbp",
            "Tập huấn nghiệp vụ cho tổ tự quản đường biên, mốc quốc giới",
            today - timedelta(days=62),
            1,
            "Hội trường Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            48,
            45,
            team_ids[:2],
        ),
        (
            OFFICER,
            "Bồi dưỡng kiến thức pháp luật về biên giới quốc gia cho các tổ tự quản",
            today - timedelta(days=20),
            0,
            "Nhà văn hóa thôn Nà Pồ",
            35,
            32,
            team_ids,
        ),
    ]
    made = 0
    for n, (username, title, starts_on, days, place, participants, trained, ids) in enumerate(
        courses
    ):
        client_id = uuid5(NAMESPACE, f"training-{n}")
        actor = User.objects.filter(username=username).select_related("unit").first()
        if actor is None or actor.unit is None:
            continue
        if TrainingCourse.objects.filter(uuid=client_id).exists():
            continue
        training_course_create(
            actor=actor,
            client_id=client_id,
            unit_id=actor.unit.pk,
            title=f"{title} (DỮ LIỆU MẪU)",
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=days),
            place=place,
            participants=participants,
            people_trained=trained,
            team_ids=ids,
        )
        made += 1
    return made


_VILLAGES = ["Nà Pồ", "Khuổi Lừa", "Lũng Sình", "Pò Mả", "Bản Chắt", "Nà Ngần"]
_LANGUAGES = ["Tiếng Việt", "Tiếng Tày", "Tiếng Nùng", "Tiếng Việt", "Tiếng Mông"]
# (form, listeners as a base, whether materials are handed out)
_SESSIONS = [
    ("meeting", 70, True),
    ("integrated", 45, True),
    ("loudspeaker", 320, False),
    ("home_visit", 12, True),
    ("school", 180, True),
    ("markers", 25, True),
]
SAMPLE_SESSIONS = 36


def _commune_of_the_day(commune: AdminUnit, day: date) -> int:
    """The commune itself on a day it stood, else the first of the communes merged into it that
    stood then (the sample's communes of before the 2025 reform)."""
    if commune.in_force(day):
        return commune.pk
    before = [c for c in commune.predecessors.order_by("code") if c.in_force(day)]
    return before[0].pk if before else commune.pk


def load_sample_propaganda(today: date | None = None) -> int:
    """The province's usual topics (seeded by the secretariat), then three dozen sessions the
    Phù Lang post held in its communes, one every twelve days back from the reference day into
    the year before; returns how many sessions were made now (the fixed client ids make a second
    load add nothing)."""
    from biengioi.core.scope import root_id

    from .models import PropagandaSession, PropagandaTopic
    from .services import propaganda_session_create, propaganda_topics_seed

    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    secretariat = User.objects.filter(username="thuongtruc.bcd").first()
    if officer is None or officer.unit is None:
        return 0
    if secretariat is not None:
        propaganda_topics_seed(actor=secretariat)
    communes = list(
        AdminUnit.objects.filter(
            pk__in=Marker.objects.filter(post=officer.unit, commune__isnull=False).values("commune")
        ).order_by("code")[:3]
    ) or list(AdminUnit.objects.filter(level=AdminLevel.COMMUNE).order_by("code")[:1])
    topics = list(
        PropagandaTopic.objects.filter(
            province_id=root_id(officer.unit.path), active=True
        ).order_by("pk")
    )
    if not communes or not topics:
        return 0
    today = today or timezone.localdate()
    made = 0
    for n in range(SAMPLE_SESSIONS):
        client_id = uuid5(NAMESPACE, f"propaganda-{n}")
        if PropagandaSession.objects.filter(uuid=client_id).exists():
            continue
        form, base, handed = _SESSIONS[n % len(_SESSIONS)]
        chosen = [topics[n % len(topics)].pk]
        if n % 3 == 0:
            chosen.append(topics[(n * 5 + 1) % len(topics)].pk)
        day = today - timedelta(days=n * 12)
        propaganda_session_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            on=day,
            commune_id=_commune_of_the_day(communes[n % len(communes)], day),
            village=_VILLAGES[n % len(_VILLAGES)] if form != "loudspeaker" else "",
            form=form,
            topic_ids=list(dict.fromkeys(chosen)),
            listeners=base + (n * 7) % 30,
            leaflets=(40 + (n * 13) % 80) if handed else 0,
            calendars=(10 + n % 20) if handed and n % 2 == 0 else 0,
            handbooks=(5 + n % 8) if handed and form in ("meeting", "school") else 0,
            language=_LANGUAGES[n % len(_LANGUAGES)],
            note="DỮ LIỆU MẪU",
        )
        made += 1
    return made


# (name, birth year, months ago support started, monthly VND, programme: 0 school, 1 foster)
_PUPILS = [
    ("Hoàng Thị Lan", 2012, 30, 500_000, 0),
    ("Nông Văn Sơn", 2011, 42, 500_000, 0),
    ("Lục Thị Hoa", 2013, 18, 500_000, 0),
    ("Vàng A Dính", 2010, 54, 500_000, 0),
    ("Lù Thị Mỷ", 2014, 12, 500_000, 0),
    ("Triệu Văn Quân", 2009, 66, 500_000, 0),
    ("Hà Thị Nhung", 2015, 6, 500_000, 0),
    ("Lò Văn Páo", 2016, 40, 1_000_000, 1),
]
SAMPLE_PROGRAMME_RECORDS = len(_PUPILS) + 2


def load_sample_programmes(today: date | None = None) -> int:
    """The province's usual programmes (seeded by the secretariat), the pupils the Phù Lang
    post sponsors under "Nâng bước em tới trường" and the child it raises under "Con nuôi đồn
    Biên phòng", and two military–civilian clinics it held; returns how many records were made
    now (the fixed client ids make a second load add nothing)."""
    from biengioi.core.scope import root_id

    from .models import Programme, ProgrammeActivity, ProgrammeBeneficiary
    from .services import programme_activity_create, programme_beneficiary_create, programmes_seed

    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    secretariat = User.objects.filter(username="thuongtruc.bcd").first()
    if officer is None or officer.unit is None:
        return 0
    if secretariat is not None:
        programmes_seed(actor=secretariat)
    found = {
        p.name: p
        for p in Programme.objects.filter(province_id=root_id(officer.unit.path), active=True)
    }
    wanted = ["Nâng bước em tới trường", "Con nuôi đồn Biên phòng", "Phòng khám quân dân y"]
    communes = list(
        AdminUnit.objects.filter(
            pk__in=Marker.objects.filter(post=officer.unit, commune__isnull=False).values("commune")
        ).order_by("code")[:3]
    ) or list(AdminUnit.objects.filter(level=AdminLevel.COMMUNE).order_by("code")[:1])
    if not communes or any(name not in found for name in wanted):
        return 0
    today = today or timezone.localdate()
    made = 0
    for n, (name, born, months, monthly, which) in enumerate(_PUPILS):
        client_id = uuid5(NAMESPACE, f"programme-pupil-{n}")
        if ProgrammeBeneficiary.objects.filter(uuid=client_id).exists():
            continue
        start = today.replace(day=1) - timedelta(days=30 * months)
        programme_beneficiary_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            programme_id=found[wanted[which]].pk,
            full_name=f"{name} (DỮ LIỆU MẪU)",
            birth_year=born,
            commune_id=communes[n % len(communes)].pk,
            monthly_vnd=monthly,
            since=start.replace(day=1),
            note="DỮ LIỆU MẪU",
        )
        made += 1
    clinics = [
        (40, "Nhà văn hóa thôn Nà Pồ", 85, 12_000_000),
        (12, "Điểm trường bản Khuổi Lừa", 140, 18_500_000),
    ]
    for n, (days, place, people, spent) in enumerate(clinics):
        client_id = uuid5(NAMESPACE, f"programme-clinic-{n}")
        if ProgrammeActivity.objects.filter(uuid=client_id).exists():
            continue
        programme_activity_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            programme_id=found["Phòng khám quân dân y"].pk,
            on=today - timedelta(days=days),
            commune_id=communes[n % len(communes)].pk,
            place=place,
            people_served=people,
            spent_vnd=spent,
            content="Khám bệnh, cấp thuốc miễn phí, tư vấn chăm sóc sức khỏe cho nhân dân "
            "(DỮ LIỆU MẪU)",
        )
        made += 1
    return made


# (kind, signed on, first member, second member, regulation, meetings, activities); a member is
# its service keywords without the prefix; meetings and activities count back from today
_TWINNINGS: list[tuple[Any, ...]] = [
    (
        "post_post",
        date(2016, 3, 3),
        {"org_unit_code": "MAU-BC-DBP-CKPHULANG"},
        {"counterpart": "Đại đội Biên phòng 965 (Lào)"},
        "Quy chế phối hợp kết nghĩa đồn – đại đội",
        [(30, "vn", 12, 10), (120, "neighbour", 10, 11)],
        [("joint_patrol", 45, "Tuần tra chung đoạn biên giới mốc 245 – 250", 6, 6)],
    ),
    (
        "village_village",
        date(2009, 4, 28),
        {"name": "Bản Nà Pồ (xã Phù Lang)", "country": "VN"},
        {"name": "Bản Huội Sán (huyện Sê Pôn)", "country": "LA"},
        "Quy chế kết nghĩa 12 điểm",
        [(20, "vn", 25, 22), (110, "neighbour", 20, 24), (200, "vn", 23, 19)],
        [("mutual_help", 75, "Giúp bản bạn khắc phục sạt lở sau mưa lũ", 30, None)],
    ),
    (
        "cluster_cluster",
        date(2019, 9, 2),
        {
            "admin_unit_code": "MAU-BC-XA-05",
            "includes": "Thôn Nà Pồ, bản Khuổi Lừa, bản Lũng Sình",
        },
        {
            "name": "Cụm bản Na Sẻng – Huội Sán",
            "country": "LA",
            "includes": "Bản Na Sẻng, bản Huội Sán",
        },
        "",
        [(60, "neighbour", 30, 28)],
        [("exchange", 10, "Giao lưu văn nghệ, bóng chuyền nhân dịp Tết cổ truyền", 80, 65)],
    ),
]


def _sample_member(prefix: str, member: dict[str, str], on: date) -> dict[str, object]:
    from biengioi.registry.models import CounterpartUnit, OrgUnit

    out: dict[str, object] = {
        f"{prefix}_{key}": member[key] for key in ("name", "country", "includes") if key in member
    }
    if "org_unit_code" in member:
        out[f"{prefix}_org_unit_id"] = OrgUnit.objects.get(code=member["org_unit_code"]).pk
    if "admin_unit_code" in member:
        unit = sample_commune(member["admin_unit_code"], on)  # the commune of the signing day
        out[f"{prefix}_admin_unit_id"] = unit.pk if unit else None
    if "counterpart" in member:
        counterpart = CounterpartUnit.objects.filter(name=member["counterpart"]).first()
        out[f"{prefix}_counterpart_id"] = counterpart.pk if counterpart else None
    return out


def load_sample_twinning(today: date | None = None) -> int:
    """Three pairs twinned by the Phù Lang post with their Lao neighbours (post–post with the
    Lao border company facing it, village–village, residential clusters), with their twinning
    meetings and a joint activity each; returns how many pairs were made now."""
    from .models import Twinning, TwinningActivity
    from .services import twinning_activity_add, twinning_create

    actor = User.objects.filter(username=OFFICER).select_related("unit").first()
    if actor is None or actor.unit is None:
        return 0
    today = today or timezone.localdate()
    made = 0
    for n, (kind, signed_on, first, second, regulation, meetings, activities) in enumerate(
        _TWINNINGS
    ):
        client_id = uuid5(NAMESPACE, f"twinning-{n}")
        twinning = Twinning.objects.filter(uuid=client_id).first()
        if twinning is None:
            twinning, _made = twinning_create(
                actor=actor,
                client_id=client_id,
                unit_id=actor.unit.pk,
                kind=kind,
                signed_on=signed_on,
                regulation_title=regulation,
                note="DỮ LIỆU MẪU",
                **_sample_member("first", first, signed_on),
                **_sample_member("second", second, signed_on),
            )
            made += 1
        log = [("meeting", days, host, "", vn, foreign) for days, host, vn, foreign in meetings]
        log += [(k, days, "", content, vn, foreign) for k, days, content, vn, foreign in activities]
        for m, (activity_kind, days, host, content, vn, foreign) in enumerate(log):
            key = uuid5(NAMESPACE, f"twinning-{n}-{m}")
            if TwinningActivity.objects.filter(uuid=key).exists():
                continue
            on = today - timedelta(days=days)
            twinning_activity_add(
                actor=actor,
                client_id=key,
                twinning_id=twinning.pk,
                kind=activity_kind,
                on=on,
                place="Nhà văn hóa bản" if activity_kind == "meeting" else "",
                host_side=host,
                content=content or f"Giao ban kết nghĩa quý {(on.month - 1) // 3 + 1}/{on.year}",
                participants_vn=vn,
                participants_foreign=foreign,
            )
    return made


# (recorder, kind, conferred by, country, recipient kind, name, team index, position, money)
_AWARDS = [
    ("nghiepvu.bdbp", "emulation_flag", "Chủ tịch UBND tỉnh", "", "collective", "", -1, "", None),
    (
        "nghiepvu.bdbp",
        "certificate_of_merit",
        "Chủ tịch UBND tỉnh",
        "",
        "collective",
        "",
        0,
        "",
        3_000_000,
    ),
    (
        "nghiepvu.bdbp",
        "certificate_of_merit",
        "Bộ trưởng Bộ Quốc phòng",
        "",
        "individual",
        "Thiếu tá Đàm Văn Quang",
        -1,
        "Đội trưởng Đội vận động quần chúng",
        None,
    ),
    (
        "nghiepvu.bdbp",
        "foreign_decoration",
        "Chủ tịch nước CHDCND Lào",
        "Cộng hòa Dân chủ Nhân dân Lào",
        "individual",
        "Trung tá Lò Văn Hải",
        -1,
        "Chính trị viên",
        None,
    ),
    (
        "nghiepvu.bdbp",
        "letter_of_merit",
        "Chỉ huy trưởng Bộ đội Biên phòng tỉnh",
        "",
        "collective",
        "Chi đoàn Thanh niên thôn Nà Pồ",
        -1,
        "",
        1_000_000,
    ),
    (OFFICER, "letter_of_merit", "Chủ tịch UBND xã", "", "collective", "", 1, "", 1_500_000),
    (OFFICER, "letter_of_merit", "Chủ tịch UBND xã", "", "collective", "", 2, "", 1_000_000),
    (
        OFFICER,
        "on_the_spot",
        "Đồn trưởng Đồn Biên phòng",
        "",
        "individual",
        "Ông Vàng A Chứ",
        -1,
        "Tổ trưởng tổ tự quản",
        500_000,
    ),
    (
        OFFICER,
        "on_the_spot",
        "Đồn trưởng Đồn Biên phòng",
        "",
        "individual",
        "Ông Lù Văn Tỉn",
        -1,
        "",
        500_000,
    ),
    (
        OFFICER,
        "other",
        "Chủ tịch UBND xã",
        "",
        "individual",
        "Bà Nông Thị Mai",
        -1,
        "Chi hội trưởng Chi hội Phụ nữ thôn",
        None,
    ),
]
SAMPLE_AWARDS = len(_AWARDS)


def load_sample_emulation(today: date | None = None) -> int:
    """The province's movement for self-managing the border line, markers and village security
    (launched by the province's decision eight years ago, still running, reviewed the last two
    years; recorded by the unit of the launch day: the province's own unit was formed with the
    merged province on 01/07/2025), and ten awards under it recorded by the Border Guard command
    and the Phù Lang post, three of them to the sample teams; returns how many awards were made
    now. Run after `load_sample_teams`."""
    from .models import Award, EmulationMovement, EmulationReview, SelfManagementTeam
    from .services import award_create, emulation_movement_create, emulation_review_add

    admin = User.objects.filter(username="quantri").select_related("unit").first()
    if admin is None or admin.unit is None:
        return 0
    today = today or timezone.localdate()
    launched = date(today.year - 8, 11, 13)
    movement_id = uuid5(NAMESPACE, "emulation-movement")
    movement = EmulationMovement.objects.filter(uuid=movement_id).first()
    if movement is None:
        movement, _ = emulation_movement_create(
            actor=admin,
            client_id=movement_id,
            unit_id=sample_unit_on(admin.unit, launched).pk,  # the unit of the launch day
            name="Toàn dân tham gia tự quản đường biên, mốc quốc giới và an ninh trật tự ở "
            "thôn, bản khu vực biên giới (DỮ LIỆU MẪU)",
            decision_number="4440/QĐ-UBND",
            decision_date=launched,
            decision_issuer="UBND tỉnh",
            starts_on=launched,
            content="Tự quản đường biên, mốc quốc giới; giữ gìn an ninh trật tự thôn, bản; "
            "phát hiện, tố giác vượt biên trái phép, buôn lậu.",
            note="Ban Chỉ đạo phong trào do Phó Chủ tịch UBND tỉnh làm Trưởng ban.",
        )
    for year in (today.year - 2, today.year - 1):
        review_id = uuid5(NAMESPACE, f"emulation-review-{year}")
        if not EmulationReview.objects.filter(uuid=review_id).exists():
            emulation_review_add(
                actor=admin,
                client_id=review_id,
                movement_id=movement.pk,
                year=year,
                held_on=date(year, 12, 20),
                summary=f"Sơ kết năm {year}: các tổ tự quản duy trì tuần tra, phát quang "
                "đường biên; khen thưởng các tập thể, cá nhân tiêu biểu.",
            )
    keys = [uuid5(NAMESPACE, f"team-{n}") for n in range(3)]
    teams = dict(SelfManagementTeam.objects.filter(uuid__in=keys).values_list("uuid", "pk"))
    made = 0
    for n, row in enumerate(_AWARDS):
        username, kind, conferred_by, country, recipient_kind, name, team, position, money = row
        client_id = uuid5(NAMESPACE, f"award-{n}")
        actor = User.objects.filter(username=username).select_related("unit").first()
        if actor is None or actor.unit is None or Award.objects.filter(uuid=client_id).exists():
            continue
        team_id = teams.get(keys[team]) if team >= 0 else None
        if team >= 0 and team_id is None:
            continue
        award_create(
            actor=actor,
            client_id=client_id,
            unit_id=actor.unit.pk,
            movement_id=movement.pk,
            kind=kind,
            conferred_by=conferred_by,
            country=country,
            recipient_kind=recipient_kind,
            recipient_name=name,
            recipient_team_id=team_id,
            recipient_unit_id=actor.unit.pk if not name and team_id is None else None,
            position=position,
            decision_number=f"{100 + n * 7}/QĐ-KT",
            decision_date=today - timedelta(days=30 + n * 45),
            decision_issuer="UBND tỉnh" if "tỉnh" in conferred_by else "",
            reason="Có thành tích xuất sắc trong phong trào tự quản đường biên, mốc quốc giới "
            "(DỮ LIỆU MẪU)",
            amount_vnd=money,
        )
        made += 1
    return made
