"""The narrative drafted from the figures, the document and the annex built from it."""

import re
from dataclasses import replace
from datetime import date

import pytest

from biengioi.coordination.services import conclusion_create, conference_create, task_create
from biengioi.reports.annex import POINTS, RATE, decimal
from biengioi.reports.figures import Figure
from biengioi.reports.narrative import (
    KEYS,
    Meta,
    annex_reference,
    annex_tables,
    build_document,
    default_meta,
    draft,
    next_period_label,
)
from biengioi.reports.periods import parse
from biengioi.reports.statistics import Section, compute

from . import golden


@pytest.fixture
def built(world):
    return golden.build(world)


def test_the_draft_writes_the_seed_figures_as_the_seeds_do(world, built):
    period = parse("2025")
    stats = compute(world.sam, world.tbt.pk, period)
    text = draft(stats, unit=world.tbt, period=period)
    assert set(text) <= set(KEYS) and "results.compliance" not in text
    patrols = text["results.patrols"]
    assert "Trong năm," in patrols
    assert "81 đợt tuần tra đơn phương, 27 đợt tuần tra song phương" in patrols
    assert "tổng số 108 đợt, tăng 12 đợt (12,5%) so với cùng kỳ" in patrols
    propaganda = text["results.propaganda"]
    assert "562 buổi/21.790 lượt người nghe" in propaganda
    assert "tăng 62 buổi (12,4%) so với cùng kỳ" in propaganda
    assert "Mở 4 lớp tập huấn, bồi dưỡng cho 238 tổ tự quản" in propaganda
    foreign = text["results.foreign"]
    assert "15 cụm xã, thị trấn biên giới" in foreign
    assert "5 cụm thôn, bản dân cư hai bên biên giới" in foreign
    # the marker no patrol of 2025 inspected is a shortcoming (the golden patrols inspect none)
    assert stats.patrols.total["not_inspected"].value == 1
    assert "Còn 1/1 mốc quốc giới chưa được kiểm tra trong kỳ" in text["shortcomings"]
    assert (
        "Một số chỉ tiêu tăng so với cùng kỳ: số đợt tuần tra tăng 12 đợt (12,5%)"
        in text["strengths"]
    )
    assert next_period_label(period) == "năm 2026"


def test_directions_come_from_open_tasks_and_their_notices(world):
    conference, _ = conference_create(
        actor=world.sam,
        unit_id=world.tbt.pk,
        kind="annual",
        title="Hội nghị tổng kết",
        held_on=date(2025, 12, 18),
    )
    notice, _ = conclusion_create(
        actor=world.sam,
        conference_id=conference.pk,
        number="52/TB-BCĐ",
        issued_on=date(2025, 12, 20),
    )
    task_create(
        actor=world.sam,
        unit_id=world.post.pk,
        conclusion_id=notice.pk,
        title="Xây dựng kế hoạch hội đàm thường niên",
        deadline=date(2026, 3, 31),
    )
    task_create(
        actor=world.sam, unit_id=world.post.pk, title="Việc đã qua hạn", deadline=date(2025, 6, 1)
    )
    task_create(  # no notice assigned it, and due before the notice's task
        actor=world.sam,
        unit_id=world.post.pk,
        title="Sửa chữa biển báo khu vực biên giới",
        assigned_on=date(2025, 10, 1),
        deadline=date(2026, 2, 1),
    )
    period = parse("2025")
    text = draft(compute(world.sam, world.tbt.pk, period), unit=world.tbt, period=period)
    directions = text["directions"]
    notice_line = "Thực hiện các nhiệm vụ theo Thông báo kết luận số 52/TB-BCĐ ngày 20/12/2025:"
    task_line = (
        "- Xây dựng kế hoạch hội đàm thường niên (Đồn Biên phòng Bản Giốc chủ trì, hạn 31/03/2026)."
    )
    assert directions.index(notice_line) < directions.index(task_line)
    lines = directions.splitlines()
    other = (
        "- Sửa chữa biển báo khu vực biên giới (Đồn Biên phòng Bản Giốc chủ trì, hạn 01/02/2026)."
    )
    assert lines.index(other) == lines.index(task_line) + 2
    assert lines[lines.index(other) - 1] == "Các nhiệm vụ khác:"
    assert "Việc đã qua hạn" not in directions  # its deadline is inside the period
    assert "Còn 1 nhiệm vụ được giao đã quá hạn" in text["shortcomings"]


def test_compliance_is_printed_only_when_the_statistics_hold_it(world):
    period = parse("2025-H1")
    stats = compute(world.sam, world.tbt.pk, period)
    meta = default_meta(world.tbt, period, date(2025, 7, 5))
    text = draft(stats, unit=world.tbt, period=period)
    titles = [t.title for t in build_document(stats, text, meta).sections[1].subsections]
    assert "Thực hiện chế độ thông tin, báo cáo" not in titles
    assert all("Chế độ thông tin" not in t.caption for t in annex_tables(stats))

    figures = {
        "due": Figure(10, 8),
        "on_time": Figure(7, 8),
        "late": Figure(2, 0),
        "missing": Figure(1, 0),
    }
    stats = replace(stats, compliance=Section(figures))
    text = draft(stats, unit=world.tbt, period=period)
    compliance = text["results.compliance"]
    assert "các đơn vị phải nộp 10 báo cáo, trong đó 7 báo cáo đúng hạn" in compliance
    assert "2 báo cáo nộp chậm và 1 báo cáo chưa nộp" in text["shortcomings"]
    titles = [t.title for t in build_document(stats, text, meta).sections[1].subsections]
    assert "Thực hiện chế độ thông tin, báo cáo" in titles
    last = annex_tables(stats)[-1]
    assert last.caption.endswith(". Chế độ thông tin, báo cáo")
    due = next(r for r in last.rows if r[0] == "Báo cáo phải nộp")
    assert due[1:4] == (10, 8, 2)
    assert last.formats[last.rows.index(due)][1:4] == ("#,##0", "#,##0", "+#,##0;-#,##0;0")
    stats = replace(stats, compliance=Section({**figures, "on_time_percent": Figure(70, 100)}))
    last = annex_tables(stats)[-1]
    rate = next(r for r in last.rows if r[0] == "Tỷ lệ nộp đúng hạn (%)")
    assert last.formats[last.rows.index(rate)][1:4] == (RATE, RATE, POINTS)
    assert rate[4] is None  # no percent of a percent


def test_meta_defaults_come_from_the_province_and_its_committee(world):
    period = parse("2025-H1")
    meta = default_meta(world.tbt, period, date(2025, 7, 5))
    assert meta.governing_body == "UBND TỈNH BIÊN THÙY"
    assert meta.issuing_body == "BAN CHỈ ĐẠO CÔNG TÁC BIÊN GIỚI TỈNH"
    assert (meta.symbol, meta.place) == ("BC-BCĐ", "Biên Thùy")
    assert meta.signer_name == "Lê Văn Trưởng" and meta.signer_capacity == ("TM. Ban Chỉ đạo",)
    assert meta.summary == (
        "Kết quả công tác biên giới 6 tháng đầu năm 2025; phương hướng, nhiệm vụ 6 tháng cuối "
        "năm 2025"
    )
    assert meta.copies_to[-1] == "Lưu: VT, BCĐ"
    unit_meta = default_meta(world.bg, period, date(2025, 7, 5))
    assert unit_meta.issuing_body == "BAN CHỈ HUY BỘ ĐỘI BIÊN PHÒNG TỈNH"
    assert unit_meta.governing_body == "TỈNH BIÊN THÙY"


def test_annex_has_one_table_per_section_with_current_previous_and_change(world, built):
    stats = compute(world.sam, world.tbt.pk, parse("2025"))
    tables = annex_tables(stats)
    assert len(tables) == 15
    assert [t.caption for t in tables][:2] == [
        "Bảng 1. Đường biên giới, mốc quốc giới, cửa khẩu",
        "Bảng 2. Kết quả tuần tra, kiểm soát",
    ]
    assert {t.label for t in tables} == {"Phụ lục I"}
    assert {t.title for t in tables} == {"Số liệu thống kê năm 2025"}
    patrols = tables[1]
    row = next(r for r in patrols.rows if r[0] == "Số đợt tuần tra")
    assert row[1:4] == (108, 96, 12)
    assert row[4] == pytest.approx(0.125)
    label = "– Số đợt tuần tra: Tuần tra đơn phương"
    assert any(r[0] == label and r[1] == 81 for r in patrols.rows)


def test_a_past_periods_directions_take_the_tasks_open_at_its_end(world):
    """A report of 2025 names the tasks given by 31/12/2025 and not done by then, whatever
    happened to them since; never a task given in 2026."""
    from biengioi.coordination.services import task_progress_record

    def task(title: str, given: date) -> int:
        made, _ = task_create(
            actor=world.sam,
            unit_id=world.post.pk,
            title=title,
            assigned_on=given,
            deadline=date(2026, 6, 30),
        )
        return made.pk

    task("Giao năm sau", date(2026, 2, 1))
    done_since = task("Xong sau kỳ", date(2025, 11, 1))
    done_before = task("Xong trong kỳ", date(2025, 11, 1))
    task("Còn dở", date(2025, 11, 2))
    for pk, day in ((done_since, date(2026, 1, 15)), (done_before, date(2025, 12, 20))):
        task_progress_record(actor=world.sam, task_id=pk, on=day, text="Xong", status="done")
    period = parse("2025")
    directions = draft(compute(world.sam, world.tbt.pk, period), unit=world.tbt, period=period)[
        "directions"
    ]
    named = [
        t for t in ("Giao năm sau", "Xong sau kỳ", "Xong trong kỳ", "Còn dở") if t in directions
    ]
    assert named == ["Xong sau kỳ", "Còn dở"]


def test_a_change_is_signed_and_a_rates_change_is_in_points():
    from decimal import Decimal

    from biengioi.reports.narrative import _change_text

    assert _change_text(Figure(108, 96), "#,##0") == "+12"
    assert _change_text(Figure(1, 2), "#,##0") == "-1"
    assert _change_text(Figure(5, 5), "#,##0") == "0"
    assert _change_text(Figure(Decimal("1296.0"), Decimal("1152.0")), decimal(1)) == "+144"
    assert _change_text(Figure(Decimal("87.5"), Decimal(75)), RATE) == "+12,5 điểm %"
    assert _change_text(Figure(Decimal(50), Decimal("62.5")), RATE) == "-12,5 điểm %"


def test_the_annex_names_its_report_or_says_it_is_a_draft():
    meta = Meta(
        governing_body="UBND TỈNH BIÊN THÙY",
        issuing_body="BAN CHỈ ĐẠO CÔNG TÁC BIÊN GIỚI TỈNH",
        issuer_name="Ban Chỉ đạo công tác biên giới tỉnh",
        symbol="BC-BCĐ",
        place="Biên Thùy",
        day=date(2026, 1, 5),
        summary="Kết quả công tác biên giới năm 2025",
    )
    assert annex_reference(meta) == (
        "(Kèm theo Dự thảo báo cáo số …/BC-BCĐ của Ban Chỉ đạo công tác biên giới tỉnh, "
        "lập ngày 05/01/2026)"
    )
    assert annex_reference(replace(meta, number=5)) == (
        "(Kèm theo Báo cáo số 05/BC-BCĐ ngày 05/01/2026 của Ban Chỉ đạo công tác biên giới tỉnh)"
    )


def test_a_zero_is_said_the_way_the_reports_say_it_never_as_a_count(world):
    """ "đã giải quyết 0 vụ", "0 báo cáo nộp muộn", "trong đó 0 báo cáo đúng hạn (0%)" are not
    what a person writes: a zero part is left out or said in words."""
    period = parse("2025")
    stats = compute(world.sam, world.tbt.pk, period)
    zero = Figure(0, 0)
    stats = replace(
        stats,
        incidents=Section({"arisen": Figure(2, 1), "resolved": zero, "outstanding": Figure(2, 0)}),
        crime=Section(
            {
                "cases": Figure(3, 1),
                "persons": Figure(4, 1),
                "prosecuted": Figure(1, 0),
                "sanctioned": zero,
            }
        ),
        rescues=Section(
            {
                "operations": Figure(1, 0),
                "forces": Figure(30, 0),
                "rescued": zero,
                "evacuated": zero,
            }
        ),
        compliance=Section(
            {
                "due": Figure(4, 4),
                "submitted": Figure(2, 4),
                "on_time": zero,
                "late": Figure(2, 0),
                "missing": Figure(2, 0),
            }
        ),
    )
    text = draft(stats, unit=world.tbt, period=period)
    everything = " ".join(text.values())
    assert re.findall(r"(?<![\d.,])0 (?:vụ|báo cáo|người)", everything) == []
    assert "chưa có vụ nào giải quyết xong; đến cuối kỳ còn 2 vụ đang giải quyết" in everything
    assert "(tăng 2 vụ (200%) so với cùng kỳ); khởi tố 1 vụ." in everything
    assert "với 30 lượt người tham gia." in everything
    assert "đã nộp 2 báo cáo, không báo cáo nào đúng hạn." in text["results.compliance"]
    assert "2 báo cáo nộp chậm và 2 báo cáo chưa nộp" in text["shortcomings"]
    nothing_late = replace(
        stats,
        compliance=Section({"due": Figure(4, 4), "late": zero, "missing": Figure(1, 0)}),
    )
    shortcomings = draft(nothing_late, unit=world.tbt, period=period)["shortcomings"]
    assert "chế độ thông tin, báo cáo: 1 báo cáo chưa nộp." in shortcomings


def test_the_shortcomings_name_the_units_that_reported_late_or_not_at_all(world):
    period = parse("2025")
    stats = compute(world.sam, world.tbt.pk, period)
    zero = Figure(0, 0)
    units = {
        "1": {
            "due": Figure(4, 4),
            "late": Figure(2, 0),
            "missing": zero,
            "late_days_max": Figure(12, 0),
        },
        "2": {"due": Figure(4, 4), "late": zero, "missing": zero, "late_days_max": zero},
        "3": {
            "due": Figure(4, 4),
            "late": Figure(1, 0),
            "missing": Figure(1, 0),
            "late_days_max": Figure(5, 0),
        },
    }
    names = {
        "1": "Đồn Biên phòng Bản Giốc",
        "2": "Đồn Biên phòng Lý Vạn",
        "3": "Đồn Biên phòng A Pa",
    }
    compliance = Section(
        {"due": Figure(12, 12), "late": Figure(3, 0), "missing": Figure(1, 0)},
        by={"unit": units},
        labels={"unit": names},
    )
    shortcomings = draft(replace(stats, compliance=compliance), unit=world.tbt, period=period)[
        "shortcomings"
    ]
    assert (
        "Một số đơn vị thực hiện chưa tốt chế độ thông tin, báo cáo: 3 báo cáo nộp chậm và 1 "
        "báo cáo chưa nộp. Đồn Biên phòng A Pa nộp chậm 1 báo cáo (chậm 5 ngày) và chưa nộp 1 "
        "báo cáo; Đồn Biên phòng Bản Giốc nộp chậm 2 báo cáo (chậm nhất 12 ngày)."
    ) in shortcomings
    assert "Lý Vạn" not in shortcomings
    # a snapshot frozen before the days late were kept names the units without them
    for figures in units.values():
        figures.pop("late_days_max")
    shortcomings = draft(replace(stats, compliance=compliance), unit=world.tbt, period=period)[
        "shortcomings"
    ]
    assert "Đồn Biên phòng Bản Giốc nộp chậm 2 báo cáo." in shortcomings


def test_more_than_eight_late_units_are_counted_after_the_first_eight(world):
    period = parse("2025")
    stats = compute(world.sam, world.tbt.pk, period)
    units = {str(n): {"late": Figure(1, 0), "late_days_max": Figure(n, 0)} for n in range(1, 11)}
    names = {str(n): f"Đồn Biên phòng số {n:02d}" for n in range(1, 11)}
    compliance = Section(
        {"due": Figure(10, 10), "late": Figure(10, 0)},
        by={"unit": units},
        labels={"unit": names},
    )
    shortcomings = draft(replace(stats, compliance=compliance), unit=world.tbt, period=period)[
        "shortcomings"
    ]
    assert "Đồn Biên phòng số 08 nộp chậm 1 báo cáo (chậm 8 ngày) và 2 đơn vị khác." in (
        shortcomings
    )
    assert "số 09" not in shortcomings


def _incident(world, title, detected_on, *, kind="encroachment", unit=None, actor=None):
    from biengioi.operations.services import incident_create

    incident, _made = incident_create(
        actor=actor or world.alice,
        unit_id=(unit or world.post).pk,
        kind=kind,
        title=title,
        lon=106.601 if unit is None else 104.0,
        lat=16.602 if unit is None else 22.5,
        detected_on=detected_on,
        detected_by="Tổ tuần tra",
    )
    return incident


def _step(world, incident, level, on):
    from biengioi.operations.services import incident_step_add

    incident_step_add(
        actor=world.alice,
        incident_id=incident.pk,
        level=level,
        on=on,
        handled_by="Đồn Biên phòng Bản Giốc",
        channel="meeting",
        summary="Gặp phía bạn",
    )


def test_the_shortcomings_name_the_overdue_incidents_with_their_rung_and_days_over(world):
    """At 31/12/2025, with the default deadlines (15 days at the grassroots, 45 at the
    province): the longest overdue first, three by name, the others counted."""
    _incident(world, "Xâm canh tại khu vực mốc 600", date(2025, 11, 1))  # due 16/11: 45 days
    _incident(world, "Xây dựng lán trại sát đường biên.", date(2025, 12, 1), kind="works_near_line")
    climbed = _incident(
        world,
        "Tranh chấp đất canh tác giữa cư dân hai bên",
        date(2025, 6, 1),
        kind="resident_dispute",
    )
    _step(world, climbed, "grassroots", date(2025, 6, 2))
    _step(world, climbed, "province", date(2025, 10, 1))  # due 15/11 at the province: 46 days
    _incident(world, "Qua lại trái phép", date(2025, 12, 10), kind="illegal_crossing")  # 6 days
    _incident(world, "Vụ việc còn trong hạn", date(2025, 12, 25))
    period = parse("2025")
    stats = compute(world.sam, world.tbt.pk, period)
    assert stats.incidents.total["overdue"].value == 4
    shortcomings = draft(stats, unit=world.tbt, period=period)["shortcomings"]
    assert (
        "Việc giải quyết một số vụ việc trên biên giới có lúc chưa kịp thời: đến ngày 31/12/2025 "
        "còn 4 vụ việc quá thời hạn xử lý, gồm: vụ “Tranh chấp đất canh tác giữa cư dân hai bên” "
        "(cấp tỉnh, quá hạn 46 ngày), vụ “Xâm canh tại khu vực mốc 600” (cấp cơ sở, quá hạn 45 "
        "ngày), vụ “Xây dựng lán trại sát đường biên” (cấp cơ sở, quá hạn 15 ngày) và 1 vụ khác."
    ) in shortcomings
    assert "Qua lại trái phép" not in shortcomings and "còn trong hạn" not in shortcomings

    # as it stood on 30/11/2025: two overdue, both named, the rung of that day
    stats = compute(world.sam, world.tbt.pk, parse("2025-11-01..2025-11-30"))
    shortcomings = draft(stats, unit=world.tbt, period=stats.period)["shortcomings"]
    assert (
        "đến ngày 30/11/2025 còn 2 vụ việc quá thời hạn xử lý, gồm: vụ “Tranh chấp đất canh tác "
        "giữa cư dân hai bên” (cấp tỉnh, quá hạn 15 ngày) và vụ “Xâm canh tại khu vực mốc 600” "
        "(cấp cơ sở, quá hạn 14 ngày)."
    ) in shortcomings


def test_the_narrative_names_only_the_units_incidents_and_tasks_of_its_scope(world):
    """Two provinces, each with an overdue incident, an open task and a report not sent: each
    province's draft names its own and never the other's."""
    from biengioi.coordination.services import duty_add, regulation_create
    from biengioi.registry.models import OrgUnit

    tsn_post = OrgUnit.objects.get(code="TSN-DBP-1")
    _incident(world, "Vụ việc tại Bản Giốc", date(2025, 11, 1))
    _incident(world, "Vụ việc tại Sông Núi", date(2025, 11, 1), unit=tsn_post, actor=world.charlie)
    for actor, unit, title in (
        (world.sam, world.post, "Nhiệm vụ của Bản Giốc"),
        (world.charlie, tsn_post, "Nhiệm vụ của Sông Núi"),
    ):
        task_create(
            actor=actor,
            unit_id=unit.pk,
            title=title,
            assigned_on=date(2025, 11, 1),
            deadline=date(2026, 3, 31),
        )
    for actor, province, parties, owner in (
        (world.sam, world.tbt, [world.bg.pk, world.commune.pk], world.post),
        (world.charlie, world.tsn, [world.tsn_bg.pk, tsn_post.pk], tsn_post),
    ):
        regulation, _made = regulation_create(
            actor=actor,
            number=f"1/QC-{province.code}",
            signed_on=date(2020, 3, 1),
            title="Quy chế phối hợp trong công tác biên giới",
            valid_from=date(2020, 3, 1),
            party_unit_ids=parties,
        )
        duty_add(
            actor=actor,
            regulation_id=regulation.pk,
            kind="report",
            title="Báo cáo tình hình biên giới hằng quý",
            rhythm="quarterly",
            due_day=5,
            owner_unit_id=owner.pk,
        )
    period = parse("2025")
    ours = draft(compute(world.sam, world.tbt.pk, period), unit=world.tbt, period=period)
    theirs = draft(compute(world.charlie, world.tsn.pk, period), unit=world.tsn, period=period)
    ours_text, theirs_text = " ".join(ours.values()), " ".join(theirs.values())
    for own, other, text in (
        ("Bản Giốc", "Sông Núi", ours_text),
        ("Sông Núi", "Bản Giốc", theirs_text),
    ):
        assert f"vụ “Vụ việc tại {own}”" in text and f"Nhiệm vụ của {own}" in text
        assert other not in text
    assert "Đồn Biên phòng Bản Giốc chưa nộp" in ours["shortcomings"]
    assert "Đồn Biên phòng Sông Núi 1 chưa nộp" in theirs["shortcomings"]
    # the markers the situation counts are the scope's own: tbt holds one (600), tsn one (1116)
    assert "với 1 mốc quốc giới" in ours["situation"]
    assert "với 1 mốc quốc giới" in theirs["situation"]


def test_a_table_of_zeros_is_one_line_numbered_alike_in_the_docx_and_the_annex(world, built):
    import io

    from docx import Document
    from openpyxl import load_workbook

    from biengioi.reports.annex import render_annex
    from biengioi.reports.document import render_docx

    period = parse("2025")
    stats = compute(world.sam, world.tbt.pk, period)
    assert all(not f.value and not f.previous for f in stats.rescues.total.values())
    meta = default_meta(world.tbt, period, date(2026, 1, 5))
    tables = annex_tables(stats, meta)
    rescues = next(t for t in tables if t.caption.endswith(". Cứu hộ, cứu nạn"))
    number = tables.index(rescues) + 1
    assert rescues.caption == f"Bảng {number}. Cứu hộ, cứu nạn"
    assert (rescues.rows, rescues.empty) == ([], "Không phát sinh.")
    patrols = next(t for t in tables if t.caption.endswith(". Kết quả tuần tra, kiểm soát"))
    assert patrols.rows  # a table with figures keeps them

    book = load_workbook(io.BytesIO(render_annex(tables)))
    sheet = book[f"{number}. Cứu hộ, cứu nạn"]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert values[-2:] == [f"Bảng {number}. Cứu hộ, cứu nạn", "Không phát sinh."]
    assert "Chỉ tiêu" not in values and 0 not in values

    report = build_document(stats, draft(stats, unit=world.tbt, period=period), meta)
    doc = Document(io.BytesIO(render_docx(report)))
    texts = [p.text for p in doc.paragraphs if p.text]
    captions = [t for t in texts if t.startswith("Bảng ")]
    assert captions == [t.caption for t in tables]  # the same numbers, DOCX and XLSX
    assert texts[texts.index(rescues.caption) + 1] == "Không phát sinh."
    empty = sum(1 for t in tables if not t.rows)
    assert len(doc.tables) == 2 + len(tables) - empty  # the header's, the signature's, the grids


def test_every_row_of_every_table_opens_with_a_capital(world, built):
    from biengioi.reports.narrative import preview

    period = parse("2025")
    stats = compute(world.sam, world.tbt.pk, period)
    figures = {n: Figure(1, 1) for n in ("due", "submitted", "on_time", "late", "missing")}
    stats = replace(stats, compliance=Section(figures))
    meta = default_meta(world.tbt, period, date(2026, 1, 5))
    document = build_document(stats, draft(stats, unit=world.tbt, period=period), meta)
    labels = [row[0] for table in document.appendices[0].blocks for row in table.rows]
    labels += [row[0] for table in annex_tables(stats) for row in table.rows]
    labels += [row["label"] for table in preview(stats) for row in table["rows"]]
    assert "Báo cáo nộp chậm" in labels and "– Số đợt tuần tra: Tuần tra đơn phương" in labels
    parts = [part for label in labels for part in label.removeprefix("– ").split(": ")]
    assert [p for p in parts if not p[:1].isupper()] == []


def test_the_docx_and_the_annex_head_their_columns_alike(world):
    period = parse("2025")
    stats = compute(world.sam, world.tbt.pk, period)
    meta = default_meta(world.tbt, period, date(2026, 1, 5))
    document = build_document(stats, draft(stats, unit=world.tbt, period=period), meta)
    docx_titles = [c.title for c in document.appendices[0].blocks[0].columns]
    assert docx_titles == [c.title for c in annex_tables(stats)[0].columns]
    assert docx_titles == [
        "Chỉ tiêu",
        "Năm 2025",
        "Cùng kỳ (năm 2024)",
        "Tăng (+), giảm (-)",
        "Tỷ lệ tăng, giảm",
    ]
