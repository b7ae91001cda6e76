"""Sample coordination work for the demo province: the steering committee's half-year review
conference (sơ kết 6 tháng) with its conclusion notice and the four tasks it assigned to the
border posts and the Department of Foreign Affairs (one done, one in progress, one overdue, one
new); days count back from today, ids are fixed so loading again changes nothing."""

from datetime import date, timedelta
from uuid import UUID, uuid5

from biengioi.accounts.models import User
from biengioi.registry.models import OrgUnit

ADMIN = "quantri"  # the province's administrator records the committee's conference
NAMESPACE = UUID("9d3b6f2a-4c1e-4b7a-9e8d-2a1b3c4d5e6f")  # fixed: the same ids on every load
SAMPLE = "DỮ LIỆU MẪU"


def load_sample_conferences() -> int:
    """The half-year review with its notice, four tasks and their progress; returns how many
    records (conference, notice, tasks, progress updates) were made now."""
    from django.utils import timezone

    from .models import Conclusion, Conference, Task, TaskProgress
    from .services import conclusion_create, conference_create, task_create, task_progress_record

    actor = User.objects.filter(username=ADMIN).select_related("unit").first()
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="MAU-BC")}
    needed = ["MAU-BC-BCD", "MAU-BC-SNGV", "MAU-BC-BDBP", "MAU-BC-DBP-CKPHULANG"]
    needed += ["MAU-BC-DBP-TALU", "MAU-BC-DBP-NAMSON"]
    if actor is None or actor.unit is None or any(code not in units for code in needed):
        return 0
    today = timezone.localdate()
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


def load_sample_budget() -> int:
    """A year's budget estimate of the province (this year): six lines of five units, kept by
    the administrator; returns how many lines were made now."""
    from django.utils import timezone

    from .models import BudgetItem
    from .services import budget_item_create

    actor = User.objects.filter(username=ADMIN).select_related("unit").first()
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="MAU-BC")}
    if actor is None or any(row[0] not in units for row in BUDGET):
        return 0
    year = timezone.localdate().year
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
