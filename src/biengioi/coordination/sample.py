"""Sample coordination work for the demo province: the steering committee's half-year review
conference (sơ kết 6 tháng) with its conclusion notice and the four tasks it assigned to the
border posts and the Department of Foreign Affairs (one done, one in progress, one overdue, one
new); the year's talks with the other side, their plan and a dozen information exchanges; the
province's coordination regulation with its duties and the reports sent for them (the Phù Lang
post late once and missing once); the committee's budget estimates of the year. Days count back
from the reference day (`today`, by default the day the demo is loaded); ids are fixed so
loading again changes nothing."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid5

from django.utils import timezone

from biengioi.accounts.models import User
from biengioi.registry.models import OrgUnit
from biengioi.registry.sample import sample_unit_on

ADMIN = "quantri"  # the province's administrator records the committee's conference
NAMESPACE = UUID("9d3b6f2a-4c1e-4b7a-9e8d-2a1b3c4d5e6f")  # fixed: the same ids on every load
SAMPLE = "DỮ LIỆU MẪU"


def load_sample_conferences(today: date | None = None) -> int:
    """The half-year review with its notice, four tasks and their progress; returns how many
    records (conference, notice, tasks, progress updates) were made now."""
    from .models import Conclusion, Conference, Task, TaskProgress
    from .services import conclusion_create, conference_create, task_create, task_progress_record

    actor = User.objects.filter(username=ADMIN).select_related("unit").first()
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="MAU-BC")}
    needed = ["MAU-BC-BCD", "MAU-BC-SNGV", "MAU-BC-BDBP", "MAU-BC-DBP-CKPHULANG"]
    needed += ["MAU-BC-DBP-TALU", "MAU-BC-DBP-NAMSON"]
    if actor is None or actor.unit is None or any(code not in units for code in needed):
        return 0
    today = today or timezone.localdate()
    year = today.year if today >= date(today.year, 8, 5) else today.year - 1
    held_on, issued_on = date(year, 7, 10), date(year, 7, 15)
    made = 0

    conference_key = uuid5(NAMESPACE, "conference-0")
    if not Conference.objects.filter(uuid=conference_key).exists():
        made += 1
    conference, _ = conference_create(
        actor=actor,
        client_id=conference_key,
        unit_id=units["MAU-BC-BCD"].pk,
        kind="half_year",
        title=f"Hội nghị sơ kết công tác biên giới 6 tháng đầu năm {year} ({SAMPLE})",
        plan_number="145/KH-BCĐ",
        held_on=held_on,
        place="Hội trường UBND tỉnh",
        chair="Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo",
        participant_unit_ids=[units[c].pk for c in needed[1:]],
        participants="Thành viên Ban Chỉ đạo; lãnh đạo các sở, ngành; các đồn biên phòng",
        participant_count=62,
    )
    notice_key = uuid5(NAMESPACE, "conclusion-0")
    if not Conclusion.objects.filter(uuid=notice_key).exists():
        made += 1
    notice, _ = conclusion_create(
        actor=actor,
        client_id=notice_key,
        conference_id=conference.pk,
        number="52/TB-BCĐ",
        issued_on=issued_on,
        summary=(
            "Ban Chỉ đạo ghi nhận kết quả 6 tháng đầu năm; yêu cầu các đồn biên phòng tăng "
            "cường tuần tra song phương, Sở Ngoại vụ chủ trì chuẩn bị hội đàm với tỉnh bạn."
        ),
    )
    # (unit, title, deadline, progress: [(day, text, evidence, status)])
    tasks = [
        (
            "MAU-BC-DBP-CKPHULANG",
            "Tổ chức tuần tra song phương đoạn biên giới khu vực cửa khẩu Phù Lang",
            issued_on + timedelta(days=20),
            [
                (
                    issued_on + timedelta(days=15),
                    "Đã tuần tra song phương 2 lần với lực lượng bảo vệ biên giới nước bạn",
                    "Biên bản tuần tra song phương số 08/BB-ĐBP",
                    "done",
                )
            ],
        ),
        (
            "MAU-BC-DBP-TALU",
            "Rà soát, đề xuất sửa chữa các mốc quốc giới bị hư hại trên địa bàn",
            today + timedelta(days=45),
            [
                (
                    today - timedelta(days=3),
                    "Đã rà soát 12/20 mốc, đang lập hồ sơ đề xuất",
                    "Báo cáo nhanh số 31/BC-ĐBP",
                    "in_progress",
                )
            ],
        ),
        (
            "MAU-BC-DBP-NAMSON",
            "Tuyên truyền Luật Biên giới quốc gia cho nhân dân các bản biên giới",
            today - timedelta(days=7),
            [],
        ),
        (
            "MAU-BC-SNGV",
            "Chuẩn bị nội dung hội đàm thường niên với chính quyền tỉnh bạn",
            today + timedelta(days=90),
            [],
        ),
    ]
    for n, (code, title, deadline, progress) in enumerate(tasks):
        key = uuid5(NAMESPACE, f"task-{n}")
        if not Task.objects.filter(uuid=key).exists():
            made += 1
        task, _ = task_create(
            actor=actor,
            client_id=key,
            conclusion_id=notice.pk,
            unit_id=units[code].pk,
            title=f"{title} ({SAMPLE})",
            deadline=deadline,
            coordinating_unit_ids=[units["MAU-BC-BDBP"].pk],
        )
        for m, (on, text, evidence, status) in enumerate(progress):
            update_key = uuid5(NAMESPACE, f"task-{n}-progress-{m}")
            if TaskProgress.objects.filter(uuid=update_key).exists():
                continue
            task_progress_record(
                actor=actor,
                client_id=update_key,
                task_id=task.pk,
                on=on,
                text=text,
                evidence=evidence,
                status=status,
            )
            made += 1
    return made


def _sample_year(today: date) -> int:
    """The year of the sample talks: this year once its first half is over, else the last."""
    return today.year if today >= date(today.year, 7, 15) else today.year - 1


SAVANNAKHET = "Ủy ban nhân dân tỉnh Savannakhet (Lào)"


def load_sample_talks(today: date | None = None) -> int:
    """The year's talks plan of the Phù Lang post (one talks a quarter with the Lao border
    company 965), of the province (annual talks with Savannakhet) and of the Border Guard
    command; four talks held (two of the post's, the province's and the command's), with their
    agreed points, one point of the post's first talks turned into a task; and a dozen
    information exchanges, one still awaiting its reply past its day. Returns how many records
    were made now."""
    from biengioi.operations.models import Incident
    from biengioi.registry.models import CounterpartUnit
    from biengioi.registry.services import counterpart_create

    from .models import InfoExchange, PlannedTalks, Talks, Task
    from .services import exchange_create, planned_talks_create, talks_create, task_create

    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["canbo.phulang", "nghiepvu.bdbp", ADMIN]
        ).select_related("unit")
    }
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="MAU-BC")}
    needed = ["MAU-BC", "MAU-BC-SNGV", "MAU-BC-BDBP", "MAU-BC-DBP-CKPHULANG", "MAU-BC-XA-04"]
    if len(users) < 3 or any(code not in units for code in needed):
        return 0
    post, command = units["MAU-BC-DBP-CKPHULANG"], units["MAU-BC-BDBP"]
    officer, staff, admin = users["canbo.phulang"], users["nghiepvu.bdbp"], users[ADMIN]
    company = CounterpartUnit.objects.filter(facing_posts=post, name__contains="965").first()
    military = CounterpartUnit.objects.filter(name__contains="Salavan").first()
    if company is None or military is None:
        return 0
    made = 0
    province = CounterpartUnit.objects.filter(name=SAVANNAKHET).first()
    if province is None:
        province = counterpart_create(
            actor=None,
            province_id=units["MAU-BC"].pk,
            name=SAVANNAKHET,
            kind="Chính quyền tỉnh",
            country_code="LA",
            subdivision="Savannakhet",
        )
        made += 1
    today = today or timezone.localdate()
    year = _sample_year(today)

    # the plan: (key, actor, unit, level, counterpart, month, quarter, topic)
    plan = [
        ("post-q1", officer, post, "post", company, None, 1, "Hội đàm định kỳ quý I"),
        ("post-q2", officer, post, "post", company, None, 2, "Hội đàm định kỳ quý II"),
        ("post-q3", officer, post, "post", company, None, 3, "Hội đàm định kỳ quý III"),
        ("post-q4", officer, post, "post", company, None, 4, "Hội đàm tổng kết năm"),
        (
            "province",
            admin,
            units["MAU-BC-SNGV"],
            "province",
            province,
            4,
            None,
            "Hội đàm thường niên giữa lãnh đạo hai tỉnh",
        ),
        (
            "command",
            staff,
            command,
            "border_guard",
            military,
            6,
            None,
            "Hội đàm định kỳ về quản lý, bảo vệ biên giới",
        ),
    ]
    planned: dict[str, PlannedTalks] = {}
    for key, actor, unit, level, counterpart, month, quarter, topic in plan:
        client_id = uuid5(NAMESPACE, f"talks-plan-{key}")
        if not PlannedTalks.objects.filter(uuid=client_id).exists():
            made += 1
        planned[key], _ = planned_talks_create(
            actor=actor,
            client_id=client_id,
            unit_id=unit.pk,
            year=year,
            level=level,
            counterpart_id=counterpart.pk,
            month=month,
            quarter=quarter,
            topic=f"{topic} ({SAMPLE})",
        )

    # talks held: (key, actor, unit, level, counterpart, day, host, heads, place, points)
    held = [
        (
            "post-q1",
            officer,
            post,
            "post",
            company,
            date(year, 2, 20),
            "ours",
            ("Thiếu tá Nguyễn Văn Hùng, Đồn trưởng", "Đại úy Khamphone, Đại đội trưởng"),
            "Đồn Biên phòng Cửa khẩu Quốc tế Phù Lang",
            [
                "Duy trì tuần tra song phương mỗi tháng một lần trên đoạn mốc 245 – 255",
                "Thông báo kịp thời qua đường dây nóng các vụ việc xảy ra trên biên giới",
                "Phối hợp tuyên truyền cho nhân dân hai bên không xâm canh, xâm cư",
            ],
        ),
        (
            "post-q2",
            officer,
            post,
            "post",
            company,
            date(year, 5, 15),
            "theirs",
            ("Thiếu tá Nguyễn Văn Hùng, Đồn trưởng", "Đại úy Khamphone, Đại đội trưởng"),
            "Trụ sở Đại đội Biên phòng 965",
            [
                "Phối hợp ngăn chặn xuất nhập cảnh trái phép qua đường mòn, lối mở",
                "Trao trả người qua lại trái phép trong vòng 3 ngày kể từ khi phát hiện",
            ],
        ),
        (
            "province",
            admin,
            units["MAU-BC-SNGV"],
            "province",
            province,
            date(year, 4, 10),
            "ours",
            ("Phó Chủ tịch UBND tỉnh", "Phó Tỉnh trưởng tỉnh Savannakhet"),
            "Trụ sở UBND tỉnh",
            [
                "Ký kết biên bản ghi nhớ hợp tác giai đoạn mới",
                "Tạo thuận lợi cho hàng hóa qua cặp cửa khẩu Phù Lang",
            ],
        ),
        (
            "command",
            staff,
            command,
            "border_guard",
            military,
            date(year, 6, 12),
            "theirs",
            ("Chỉ huy trưởng BĐBP tỉnh", "Chỉ huy trưởng BCHQS tỉnh Salavan"),
            "Tỉnh Salavan",
            [
                "Tổ chức tuần tra song phương cấp tỉnh 6 tháng một lần",
                "Phối hợp tìm kiếm, quy tập hài cốt liệt sĩ",
            ],
        ),
    ]
    talks_by_key: dict[str, Talks] = {}
    for key, actor, unit, level, counterpart, day, host, heads, place, points in held:
        if sample_unit_on(unit, day) != unit:  # before the Ban Chỉ huy took over (28/06/2025):
            actor, unit = admin, sample_unit_on(unit, day)  # the Bộ Chỉ huy's talks
        client_id = uuid5(NAMESPACE, f"talks-{key}")
        if not Talks.objects.filter(uuid=client_id).exists():
            made += 1
        talks_by_key[key], _ = talks_create(
            actor=actor,
            client_id=client_id,
            unit_id=unit.pk,
            level=level,
            counterpart_id=counterpart.pk,
            held_on=day,
            host_side=host,
            our_head=heads[0],
            their_head=heads[1],
            place=place,
            agenda=f"Trao đổi tình hình biên giới, thống nhất biện pháp phối hợp ({SAMPLE})",
            agreed_points=points,
            minutes_ref=f"Biên bản hội đàm ngày {day:%d/%m/%Y}, lưu tại {unit.name}",
            planned_id=planned[key].pk,
        )
    first = talks_by_key["post-q1"].points.get(position=1)
    task_key = uuid5(NAMESPACE, "talks-task-0")
    if not Task.objects.filter(uuid=task_key).exists():
        made += 1
    task_create(
        actor=officer,
        client_id=task_key,
        agreed_point_id=first.pk,
        unit_id=post.pk,
        title=f"Tuần tra song phương hằng tháng đoạn mốc 245 – 255 ({SAMPLE})",
        deadline=date(today.year, 12, 31),  # open until the end of the reference year
    )

    incident = Incident.objects.filter(unit=post).order_by("pk").first()
    commune = units["MAU-BC-XA-04"]
    # (days ago, actor, channel, direction, party, subject, reply: None or (due in, replied in))
    exchanges: list[tuple[int, Any, str, str, Any, str, Any]] = [
        (150, officer, "hotline", "sent", company, "Thông báo lịch tuần tra song phương", None),
        (140, officer, "meeting", "received", company, "Gặp gỡ trao đổi tình hình tháng", None),
        (120, officer, "letter", "sent", company, "Đề nghị xác minh nhân thân 2 người", (7, 5)),
        (100, officer, "message", "received", company, "Tin báo người qua lại trái phép", None),
        (90, officer, "letter", "sent", commune, "Đề nghị phối hợp tuyên truyền tại bản", None),
        (75, staff, "letter", "sent", military, "Đề xuất kế hoạch tuần tra cấp tỉnh", (15, 12)),
        (60, staff, "hotline", "received", military, "Thông báo tình hình cháy rừng", None),
        (45, officer, "hotline", "sent", company, "Thông báo vụ việc trên biên giới", None),
        (30, officer, "message", "sent", company, "Trao đổi lịch trao trả người", (3, 2)),
        (20, officer, "letter", "sent", company, "Đề nghị phối hợp xử lý vụ việc", (10, None)),
        (8, staff, "meeting", "sent", military, "Gặp gỡ chuẩn bị hội đàm cuối năm", None),
        (3, officer, "hotline", "received", company, "Tin báo gia súc qua biên giới", (12, None)),
    ]
    for n, (ago, actor, channel, direction, party, subject, reply) in enumerate(exchanges):
        client_id = uuid5(NAMESPACE, f"exchange-{n}")
        if InfoExchange.objects.filter(uuid=client_id).exists():
            continue
        on = today - timedelta(days=ago)
        is_unit = isinstance(party, OrgUnit)
        data: dict[str, Any] = {
            "counterpart_id": None if is_unit else party.pk,
            "other_unit_id": party.pk if is_unit else None,
        }
        if reply is not None:
            data["reply_expected"] = True
            data["reply_by"] = on + timedelta(days=reply[0])
            if reply[1] is not None:
                data["replied_on"] = on + timedelta(days=reply[1])
                data["reply_summary"] = "Phía bạn đã trả lời bằng văn bản"
        if incident is not None and subject.startswith("Đề nghị phối hợp xử lý"):
            data["incident_id"] = incident.pk
        exchange_create(
            actor=actor,
            client_id=client_id,
            unit_id=(post if actor is officer else command).pk,
            on=on,
            channel=channel,
            direction=direction,
            subject=f"{subject} ({SAMPLE})",
            summary=f"{subject}.",
            **data,
        )
        made += 1
    return made


# the province's regulation: (key, owner unit code, kind, title, rhythm, due day, due month)
REGULATION_DUTIES = [
    ("namson", "MAU-BC-DBP-NAMSON", "report", "Báo cáo tình hình biên giới hằng tháng"),
    ("phulang", "MAU-BC-DBP-CKPHULANG", "report", "Báo cáo tình hình biên giới hằng tháng"),
    ("talu", "MAU-BC-DBP-TALU", "report", "Báo cáo tình hình biên giới hằng tháng"),
    ("exchange", "MAU-BC-SNGV", "exchange", "Thông báo, trao đổi thông tin đối ngoại biên giới"),
    ("briefing", "MAU-BC-BDBP", "meeting", "Giao ban định kỳ ba bên"),
    ("police", "MAU-BC-CA", "report", "Báo cáo kết quả phối hợp bảo đảm an ninh trật tự"),
]
_SCHEDULES = {
    "namson": ("monthly", 5, None),
    "phulang": ("monthly", 5, None),
    "talu": ("monthly", 5, None),
    "exchange": ("quarterly", 10, None),
    "briefing": ("half_yearly", 15, None),
    "police": ("yearly", 15, 1),
}
# who sends each duty's reports (a user of the owing unit's scope)
_SENDERS = {
    "phulang": "canbo.phulang",
    "exchange": "thuongtruc.bcd",
    "police": "thuongtruc.bcd",
}
SECRETARIAT = "thuongtruc.bcd"


def _months_back(today: date, n: int) -> date:
    first = today.replace(day=1)
    for _ in range(n):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def sample_problem_periods(today: date) -> tuple[date, date]:
    """The first days of the Phù Lang post's late month and of its missing month: three and two
    months back, or four and three when those two fall in different years, so that one year's
    compliance table shows both."""
    late, missing = _months_back(today, 3), _months_back(today, 2)
    if late.year != missing.year:
        late, missing = _months_back(today, 4), late
    return late, missing


def load_sample_regulations(today: date | None = None) -> int:
    """The province's coordination regulation between the Border Guard command, the Department
    of Foreign Affairs and the police, its six duties (a monthly report from each post, a
    quarterly information exchange, a 6-monthly three-party briefing, a yearly report of the
    police) and the reports sent since it came into force seven months ago: all on time but for
    the Phù Lang post, late once and missing once. Returns how many records were made now."""
    from .models import Duty, Regulation, Submission
    from .rhythms import due_dates
    from .services import duty_add, regulation_create, submission_create

    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[SECRETARIAT, "canbo.phulang", "nghiepvu.bdbp"]
        ).select_related("unit")
    }
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="MAU-BC")}
    needed = {"MAU-BC-SNGV", "MAU-BC-BDBP", "MAU-BC-CA"} | {d[1] for d in REGULATION_DUTIES}
    if len(users) < 3 or not needed <= set(units):
        return 0
    secretariat = users[SECRETARIAT]
    today = today or timezone.localdate()
    valid_from = _months_back(today, 7)
    made = 0
    key = uuid5(NAMESPACE, "regulation-0")
    if not Regulation.objects.filter(uuid=key).exists():
        made += 1
    regulation, _ = regulation_create(
        actor=secretariat,
        client_id=key,
        number="05/QC-BĐBP-SNgV-CA",
        signed_on=valid_from - timedelta(days=10),
        title=(
            "Quy chế phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Sở Ngoại vụ và Công an "
            f"tỉnh trong công tác biên giới ({SAMPLE})"
        ),
        valid_from=valid_from,
        party_unit_ids=[units[c].pk for c in ("MAU-BC-BDBP", "MAU-BC-SNGV", "MAU-BC-CA")],
        note="Sơ kết 1 năm thực hiện vào quý IV.",
    )
    late, missing = sample_problem_periods(today)
    for name, code, kind, title in REGULATION_DUTIES:
        rhythm, due_day, due_month = _SCHEDULES[name]
        duty_key = uuid5(NAMESPACE, f"duty-{name}")
        if not Duty.objects.filter(uuid=duty_key).exists():
            made += 1
        duty, _ = duty_add(
            actor=secretariat,
            client_id=duty_key,
            regulation_id=regulation.pk,
            kind=kind,
            title=f"{title} ({SAMPLE})",
            rhythm=rhythm,
            due_day=due_day,
            due_month=due_month,
            owner_unit_id=units[code].pk,
        )
        sender = users[_SENDERS.get(name, "nghiepvu.bdbp")]
        for n, period in enumerate(due_dates(rhythm, due_day, valid_from, today, due_month)):
            if name == "phulang" and period.start == missing:
                continue  # never sent
            is_late = name == "phulang" and period.start == late
            day = period.due_on + timedelta(days=3 if is_late else -(n % 3))
            if day > today:
                continue
            submission_key = uuid5(NAMESPACE, f"submission-{name}-{period.start.isoformat()}")
            if Submission.objects.filter(uuid=submission_key).exists():
                continue
            submission_create(
                actor=sender,
                client_id=submission_key,
                duty_id=duty.pk,
                period_start=period.start,
                submitted_on=max(day, period.start),
                reference=f"{n + 1:02d}/BC-{code.removeprefix('MAU-BC-')}",
                figures={"Số lượt tuần tra": 8 + n % 5, "Số vụ việc": n % 2}
                if kind == "report"
                else {},
            )
            made += 1
    return made


# (unit, item, category, estimated, approved, spent, note)
BUDGET = [
    (
        "MAU-BC-BCD",
        "Hội nghị sơ kết 6 tháng, tổng kết năm",
        "conferences",
        85_000_000,
        80_000_000,
        41_500_000,
        "Hai hội nghị trong năm",
    ),
    (
        "MAU-BC-BCD",
        "Kiểm tra công tác biên giới tại các xã biên giới",
        "other",
        30_000_000,
        25_000_000,
        9_800_000,
        "",
    ),
    (
        "MAU-BC-SNGV",
        "Hội đàm thường niên với chính quyền tỉnh bạn",
        "conferences",
        120_000_000,
        110_000_000,
        0,
        "Dự kiến tổ chức quý IV",
    ),
    (
        "MAU-BC-BDBP",
        "Tuyên truyền pháp luật biên giới cho nhân dân khu vực biên giới",
        "propaganda",
        45_000_000,
        45_000_000,
        21_790_000,
        "",
    ),
    (
        "MAU-BC-DBP-CKPHULANG",
        "Tuần tra song phương đoạn biên giới khu vực cửa khẩu",
        "patrol",
        60_000_000,
        55_000_000,
        32_400_000,
        "",
    ),
    (
        "MAU-BC-DBP-TALU",
        "Phát quang, sơn lại mốc quốc giới",
        "markers",
        38_000_000,
        30_000_000,
        12_000_000,
        "Sửa chữa mốc hư hại theo kết quả rà soát",
    ),
]


def load_sample_budget(today: date | None = None) -> int:
    """A year's budget estimate of the province (this year): six lines of five units, kept by
    the administrator; returns how many lines were made now."""
    from .models import BudgetItem
    from .services import budget_item_create

    actor = User.objects.filter(username=ADMIN).select_related("unit").first()
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="MAU-BC")}
    if actor is None or any(row[0] not in units for row in BUDGET):
        return 0
    year = (today or timezone.localdate()).year
    made = 0
    for n, (code, title, category, estimated, approved, spent, note) in enumerate(BUDGET):
        key = uuid5(NAMESPACE, f"budget-{year}-{n}")
        if BudgetItem.objects.filter(uuid=key).exists():
            continue
        budget_item_create(
            actor=actor,
            client_id=key,
            unit_id=units[code].pk,
            year=year,
            title=f"{title} ({SAMPLE})",
            category=category,
            estimated=estimated,
            approved=approved,
            spent=spent,
            note=note,
        )
        made += 1
    return made
