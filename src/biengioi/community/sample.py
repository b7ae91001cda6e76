"""Sample community work for the demo province: the self-management teams guided by the Phù
Lang post (border line and markers, village security, solidarity) with their members, activity
log and the last review on the All-People Border Defence Day, two training courses given to
them, and the post's propaganda sessions on the province's usual topics; days count back from
today."""

from datetime import date, timedelta
from uuid import UUID, uuid5

from biengioi.accounts.models import User
from biengioi.registry.models import AdminLevel, AdminUnit, Marker

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


def load_sample_teams() -> int:
    """Three teams of the Phù Lang post's communes; returns how many were made now."""
    from django.utils import timezone

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
    today = timezone.localdate()
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


def load_sample_training() -> int:
    """Two courses that trained the sample teams: one of the province's Border Guard command
    (two days, two teams), one of the Phù Lang post (one day, its three teams); returns how
    many were made now. Run after `load_sample_teams`."""
    from django.utils import timezone

    from .models import SelfManagementTeam, TrainingCourse
    from .services import training_course_create

    keys = [uuid5(NAMESPACE, f"team-{n}") for n in range(3)]
    found = dict(SelfManagementTeam.objects.filter(uuid__in=keys).values_list("uuid", "pk"))
    if len(found) < len(keys):
        return 0
    team_ids = [found[key] for key in keys]
    today = timezone.localdate()
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


def load_sample_propaganda() -> int:
    """The province's usual topics (seeded by the secretariat), then three dozen sessions the
    Phù Lang post held over the last six months in its communes; returns how many sessions were
    made now (the fixed client ids make a second load add nothing)."""
    from django.utils import timezone

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
    today = timezone.localdate()
    made = 0
    for n in range(SAMPLE_SESSIONS):
        client_id = uuid5(NAMESPACE, f"propaganda-{n}")
        if PropagandaSession.objects.filter(uuid=client_id).exists():
            continue
        form, base, handed = _SESSIONS[n % len(_SESSIONS)]
        chosen = [topics[n % len(topics)].pk]
        if n % 3 == 0:
            chosen.append(topics[(n * 5 + 1) % len(topics)].pk)
        propaganda_session_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            on=today - timedelta(days=2 + n * 5),
            commune_id=communes[n % len(communes)].pk,
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
