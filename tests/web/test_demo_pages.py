"""Every page of the sample province answers, for every demo role: a smoke test over real
sample data (past committee terms, suspended gates, reference posts ...)."""

import re
from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse

from biengioi.accounts.models import User
from biengioi.accounts.sample import create_demo_users
from biengioi.community.models import (
    Award,
    EmulationMovement,
    Programme,
    ProgrammeActivity,
    ProgrammeBeneficiary,
    PropagandaSession,
    PropagandaTopic,
    SelfManagementTeam,
    TrainingCourse,
    Twinning,
    TwinningActivity,
)
from biengioi.community.sample import (
    SAMPLE_PROGRAMME_RECORDS,
    load_sample_emulation,
    load_sample_programmes,
    load_sample_propaganda,
    load_sample_teams,
    load_sample_training,
    load_sample_twinning,
)
from biengioi.coordination.models import (
    BudgetItem,
    Conference,
    Duty,
    InfoExchange,
    Regulation,
    Talks,
    Task,
)
from biengioi.coordination.sample import (
    load_sample_budget,
    load_sample_conferences,
    load_sample_regulations,
    load_sample_talks,
)
from biengioi.core import access
from biengioi.operations.gate_sample import load_sample_gate_traffic
from biengioi.operations.models import (
    CrimeCase,
    CrimeOperation,
    GateTraffic,
    Handover,
    Incident,
    MarkerRepair,
    Patrol,
    RescueOperation,
)
from biengioi.operations.sample import (
    load_sample_crime,
    load_sample_handovers,
    load_sample_incidents,
    load_sample_patrols,
    load_sample_repairs,
    load_sample_rescues,
)
from biengioi.registry.models import AdminUnit, BorderSection, Gate, Marker, OrgUnit, Sign
from biengioi.registry.sample import load_sample_province
from biengioi.reports.models import Report
from biengioi.reports.sample import load_sample_reports
from biengioi.web.menu import entries_for
from tests.clock import stopped_on
from tests.conftest import sign_in

# the day the sample is loaded on, the clock standing on it for the module: the sample is dated
# from it, so the counts below do not move with the day the tests run
DEMO_DAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def demo_province(django_db_setup, django_db_blocker):
    """The sample province, loaded once for the module inside a transaction rolled back after
    its last test (each test runs in a savepoint of it, so what a test writes is undone)."""
    with stopped_on(DEMO_DAY), django_db_blocker.unblock(), transaction.atomic():
        yield _load_demo().pk
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_province, db):
    return OrgUnit.objects.get(pk=demo_province)


def _load_demo() -> OrgUnit:
    province = load_sample_province()
    create_demo_users()
    assert load_sample_patrols() == 12
    assert load_sample_patrols() == 0  # loading again changes nothing
    assert load_sample_incidents() == 7
    assert load_sample_incidents() == 0
    assert load_sample_crime() == 6
    assert load_sample_crime() == 0
    assert load_sample_repairs() == 2
    assert load_sample_repairs() == 0
    assert load_sample_handovers() == 6
    assert load_sample_handovers() == 0
    assert load_sample_rescues() == 5
    assert load_sample_rescues() == 0
    assert load_sample_gate_traffic() == 2 * 60 + 3  # two gates' days, one gate's months
    assert load_sample_gate_traffic() == 0
    assert load_sample_teams() == 3
    assert load_sample_teams() == 0
    assert load_sample_training() == 2
    assert load_sample_training() == 0
    assert load_sample_propaganda() == 36
    assert load_sample_propaganda() == 0
    assert load_sample_programmes() == SAMPLE_PROGRAMME_RECORDS == 10
    assert load_sample_programmes() == 0
    assert load_sample_twinning() == 3
    assert load_sample_twinning() == 0
    assert TwinningActivity.objects.count() == 9  # also made once
    assert load_sample_emulation() == 10
    assert load_sample_emulation() == 0
    assert load_sample_conferences() == 8  # conference, notice, 4 tasks, 2 progress updates
    assert load_sample_conferences() == 0
    # a counterpart, 6 planned talks, 4 talks held, 1 task from a point, 12 exchanges
    assert load_sample_talks() == 24
    assert load_sample_talks() == 0
    assert load_sample_regulations() > 1 + 6  # the regulation, its duties, the reports sent
    assert load_sample_regulations() == 0
    assert load_sample_budget() == 6
    assert load_sample_budget() == 0
    assert load_sample_reports() == 1  # the province's draft report of the current year
    assert load_sample_reports() == 0
    return province


GROUPED_YEAR = re.compile(r"(?i)(?:năm|year|kỳ) (?:19|20)?[12]\.\d{3}\b")
LONG_DECIMAL = re.compile(r"\d,\d{7,}(?!\d)|\d\.\d{7,}\s*km")


def sample_pages(user: User) -> list[str]:
    """Every page of the sample that `user` may open, files (exports, templates) included: read
    here by a test client, and by a real browser at a phone's width over a served copy of the
    sample (tests/web/test_phone_browser.py)."""
    pages = [reverse(e.url_name) for e in entries_for(user)]
    assert len(pages) >= 9
    post = OrgUnit.objects.get(code="MAU-BC-DBP-CKPHULANG")
    pages += [
        f"/markers/{Marker.objects.get(identifier='240(2)').pk}/",
        f"/sections/{BorderSection.objects.first().pk}/",
        f"/gates/{Gate.objects.get(name='Lối mở Ta Lu').pk}/",
        f"/signs/{Sign.objects.first().pk}/",
        f"/units/{post.pk}/",
        f"/admin-units/{AdminUnit.objects.get(code='MAU-BC', valid_to=None).pk}/",
        "/markers/?q=222",
        "/markers/?status=damaged",
        "/admin-units/?q=bien cuong",
        "/markers/export.xlsx",
        "/gates/export.csv",
        "/organisations/members/?q=luong van",
        "/organisations/counterparts/?country=LA",
        f"/organisations/counterparts/{post.facing_counterparts.first().pk}/",
        "/units/?on=01/01/2024",
        "/patrols/?kind=bilateral",
        f"/patrols/{Patrol.objects.first().pk}/",
        "/patrols/export.xlsx",
        "/incidents/?status=open",
        "/incidents/overdue/",
        "/incidents/deadlines/",
        "/incidents/export.csv",
        *[f"/incidents/{i.pk}/" for i in Incident.objects.all()],
        "/patrols/plans/",
        "/patrols/plans/?year=2024",
        "/patrols/plans/export.csv",
        "/repairs/?status=open",
        "/repairs/export.xlsx",
        *[f"/repairs/{r.pk}/" for r in MarkerRepair.objects.all()],
        "/crime/?category=drugs",
        "/crime/export.xlsx",
        "/crime/operations/",
        *[
            f"/crime/{c.pk}/"
            for c in CrimeCase.objects.filter(unit__path__startswith=user.unit.path)
        ],
        *[f"/crime/operations/{o.pk}/" for o in CrimeOperation.objects.all()],
        "/handovers/?kind=receive",
        "/handovers/export.xlsx",
        *[f"/handovers/{h.pk}/" for h in Handover.objects.all()],
        "/rescues/?kind=flood",
        "/rescues/export.csv",
        *[f"/rescues/{r.pk}/" for r in RescueOperation.objects.all()],
        "/gate-traffic/?period=month",
        f"/gate-traffic/{GateTraffic.objects.filter(unit=post).first().pk}/",
        "/gate-traffic/export.xlsx",
        "/gate-traffic/template.xlsx",
        "/teams/?kind=line_markers",
        "/teams/export.xlsx",
        *[
            f"/teams/{t.pk}/"
            for t in SelfManagementTeam.objects.filter(unit__path__startswith=user.unit.path)
        ],
        "/training/?start=01/01/2020",
        "/training/export.xlsx",
        "/training/export.csv",
        *[
            f"/training/{c.pk}/"
            for c in TrainingCourse.objects.filter(unit__path__startswith=user.unit.path)
        ],
        "/twinning/?kind=post_post",
        "/twinning/?active=yes&start=01/01/2000",
        "/twinning/export.xlsx",
        "/twinning/export.csv",
        *[
            f"/twinning/{t.pk}/"
            for t in Twinning.objects.filter(unit__path__startswith=user.unit.path)
        ],
        "/emulation/?active_on=01/01/2024",
        "/emulation/export.xlsx",
        *[f"/emulation/{m.pk}/" for m in EmulationMovement.objects.all()],
        "/awards/?kind=letter_of_merit",
        "/awards/?recipient_kind=collective",
        "/awards/export.xlsx",
        "/awards/export.csv",
        *[f"/awards/{a.pk}/" for a in Award.objects.filter(unit__path__startswith=user.unit.path)],
        "/coordination/conferences/?kind=half_year",
        "/coordination/conferences/export.xlsx",
        "/coordination/conferences/export.csv",
        *[f"/coordination/conferences/{c.pk}/" for c in Conference.objects.all()],
        "/coordination/budget/",
        "/coordination/budget/?year=2020",
        "/coordination/budget/export.xlsx",
        "/coordination/budget/export.csv",
        "/notifications/?unread=1",
        "/coordination/tasks/?status=overdue",
        "/coordination/tasks/?mine=1",
        "/coordination/tasks/export.xlsx",
        "/coordination/tasks/export.csv",
        *[
            f"/coordination/tasks/{t.pk}/"
            for t in Task.objects.filter(unit__path__startswith=user.unit.path)
        ],
        "/coordination/talks/?level=post",
        "/coordination/talks/export.xlsx",
        "/coordination/talks/export.csv",
        "/coordination/talks/plan/",
        *[
            f"/coordination/talks/{t.pk}/"
            for t in Talks.objects.filter(unit__path__startswith=user.unit.path)
        ],
        "/coordination/exchanges/?reply=overdue",
        "/coordination/exchanges/export.xlsx",
        "/coordination/exchanges/export.csv",
        *[
            f"/coordination/exchanges/{e.pk}/"
            for e in InfoExchange.objects.filter(unit__path__startswith=user.unit.path)[:4]
        ],
        "/coordination/regulations/?q=phoi hop",
        "/coordination/regulations/export.xlsx",
        "/coordination/regulations/export.csv",
        *[f"/coordination/regulations/{r.pk}/" for r in Regulation.objects.all()],
        "/coordination/reporting/",
        "/coordination/compliance/",
        "/coordination/compliance/?part=h1",
        "/coordination/compliance/export.xlsx?view=units",
        "/coordination/compliance/export.csv",
        "/reports/",
        "/reports/?status=draft",
        "/reports/export.xlsx",
        "/reports/export.csv",
        *[
            f"/reports/{r.pk}/{tail}"
            for r in Report.objects.filter(scope_unit__path__startswith=user.unit.path)
            for tail in ("", "file.docx", "file.xlsx")
        ],
        "/propaganda/?form=meeting",
        "/propaganda/export.xlsx",
        "/propaganda/export.csv",
        "/propaganda/template.xlsx",
        "/propaganda/topics/",
        *[
            f"/propaganda/{s.pk}/"
            for s in PropagandaSession.objects.filter(unit__path__startswith=user.unit.path)[:3]
        ],
        "/programmes/?on=01/01/2025",
        "/programmes/export.xlsx",
        "/programmes/export.csv",
        "/programmes/activities/",
        "/programmes/activities/export.xlsx",
        "/programmes/list/",
        *[
            f"/programmes/{b.pk}/"
            for b in ProgrammeBeneficiary.objects.filter(unit__path__startswith=user.unit.path)[:3]
        ],
        *[
            f"/programmes/activities/{a.pk}/"
            for a in ProgrammeActivity.objects.filter(unit__path__startswith=user.unit.path)
        ],
    ]
    if access.can(user, "community.record"):
        pages += ["/programmes/new/", "/programmes/activities/new/"]
        mine = ProgrammeBeneficiary.objects.filter(unit__path__startswith=user.unit.path)
        pages.append(f"/programmes/{mine.first().pk}/edit/")
    if access.can(user, "community.configure"):
        pages.append(f"/programmes/list/{Programme.objects.first().pk}/edit/")
    if access.can(user, "coordination.configure"):
        pages.append("/coordination/budget/new/")
        pages += [f"/coordination/budget/{b.pk}/edit/" for b in BudgetItem.objects.all()[:2]]
    if access.can(user, "community.record"):
        pages += ["/propaganda/new/", "/propaganda/import/"]
        pages += ["/propaganda/new/", "/propaganda/import/", "/awards/new/", "/emulation/new/"]
        award = Award.objects.filter(unit__path__startswith=user.unit.path).first()
        pages.append(f"/awards/{award.pk}/edit/")
        movement = EmulationMovement.objects.get()
        if movement.unit.path.startswith(user.unit.path):
            pages += [f"/emulation/{movement.pk}/edit/", f"/emulation/{movement.pk}/reviews/new/"]
        one = PropagandaSession.objects.filter(unit__path__startswith=user.unit.path).first()
        pages.append(f"/propaganda/{one.pk}/edit/")
        pair = Twinning.objects.filter(unit__path__startswith=user.unit.path).first()
        pages.append("/twinning/new/")
        if pair:
            pages += [f"/twinning/{pair.pk}/edit/", f"/twinning/{pair.pk}/meetings/new/"]
    if access.can(user, "reports.draft"):
        pages.append("/reports/new/")
    if access.can(user, "reports.issue"):
        pages += [f"/reports/{r.pk}/issue/" for r in Report.objects.filter(status="draft")]
    if access.can(user, "community.configure"):
        pages.append(f"/propaganda/topics/{PropagandaTopic.objects.first().pk}/edit/")
    if access.can(user, "coordination.configure"):
        regulation = Regulation.objects.get()
        pages += [
            "/coordination/regulations/new/",
            f"/coordination/regulations/{regulation.pk}/edit/",
            f"/coordination/regulations/{regulation.pk}/duties/new/",
            f"/coordination/duties/{regulation.duties.first().pk}/edit/",
        ]
    if access.can(user, "coordination.record"):
        for duty in Duty.objects.filter(owner__path__startswith=user.unit.path)[:2]:
            first = duty.submissions.order_by("period_start").first()
            if first:
                pages.append(f"/coordination/duties/{duty.pk}/submit/?period={first.period_start}")
    district = OrgUnit.objects.get(code="MAU-BC-BCD-PHULANG")
    if district.path.startswith(user.unit.path):  # units are seen within one's own scope
        pages.append(f"/units/{district.pk}/")
    return pages


@pytest.mark.parametrize(
    "username", ["canbo.phulang", "nghiepvu.bdbp", "thuongtruc.bcd", "lanhdao.tinh", "quantri"]
)
def test_every_page_of_the_sample_province_answers(demo, client, username):
    user = User.objects.get(username=username)
    sign_in(client, user)
    user.is_verified = lambda: True  # as django-otp marks the session after the second factor
    pages = sample_pages(user)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, (page, response.status_code)
        if response["Content-Type"].startswith("text/html"):
            text = response.content.decode()
            # a year is never grouped ("năm 2.026"), a number never shows more decimals than
            # its field means ("149,539000000000 km")
            assert not GROUPED_YEAR.search(text), (page, GROUPED_YEAR.search(text))
            assert not LONG_DECIMAL.search(text), (page, LONG_DECIMAL.search(text))
    assert "DỮ LIỆU MẪU" in client.get("/").content.decode()


def test_the_sample_keeps_a_district_committee_of_the_past_and_links_its_communes(demo):
    district = OrgUnit.objects.get(code="MAU-BC-BCD-PHULANG")
    assert (district.valid_from.year, district.valid_to.isoformat()) == (2016, "2025-06-30")
    assert district.members.count() == 3
    assert all(m.term_to == district.valid_to for m in district.members.all())
    communes = OrgUnit.objects.filter(kind="commune", code__startswith="MAU-BC-XA-")
    assert communes.count() == 12
    assert all(c.admin_unit and c.admin_unit.code == c.code for c in communes)
    assert OrgUnit.objects.get(code="MAU-BC").admin_unit.level == "province"


def test_the_sample_ban_chi_huy_takes_over_from_the_dissolved_command(demo, client):
    old = OrgUnit.objects.get(code="MAU-BC-BCH-BDBP")
    new = OrgUnit.objects.get(code="MAU-BC-BDBP")
    assert (old.valid_to.isoformat(), new.valid_from.isoformat()) == ("2025-06-27", "2025-06-28")
    assert list(new.predecessors.all()) == [old]
    assert not old.children.exists()  # the posts are the Ban Chỉ huy's
    sign_in(client, User.objects.get(username="quantri"))
    page = client.get(f"/units/{new.pk}/").content.decode()
    assert f'<a href="/units/{old.pk}/">{old.name}</a> (đến 27/06/2025)' in page


def test_the_sample_incidents_stand_at_each_stage_of_their_handling(demo):
    officer = User.objects.get(username="canbo.phulang")
    from biengioi.operations import selectors

    everything = selectors.incident_list(actor=officer)
    counts = selectors.incident_counts(everything)
    assert (counts["total"], counts["closed"], counts["overdue"], counts["province"]) == (
        7,
        3,
        2,
        1,
    )
    assert all("DỮ LIỆU MẪU" in i.title and i.nearest_marker for i in everything)


def test_the_sample_crime_adds_up_in_the_table_by_category(demo):
    from biengioi.operations import crime_selectors

    officer = User.objects.get(username="canbo.phulang")
    table = crime_selectors.crime_table(crime_selectors.crime_case_list(actor=officer))
    total = table[-1]
    assert (total.cases, total.persons, total.wanted, total.prosecuted, total.pending) == (
        6,
        9,
        1,
        2,
        1,
    )
    assert total.fines == 19500000 + 8000000
    campaign = crime_selectors.operation_list(actor=officer).get()
    assert campaign.case_count == 2


def test_the_sample_repairs_stand_at_two_stages(demo):
    from biengioi.operations import repair_selectors

    officer = User.objects.get(username="canbo.phulang")
    counts = repair_selectors.repair_counts(repair_selectors.repair_list(actor=officer))
    assert (counts["total"], counts["open"], counts["closed"], counts["notified"]) == (2, 1, 1, 1)


def test_the_sample_handovers_and_rescues_tell_a_believable_story(demo):
    from biengioi.operations import handover_selectors, rescue_selectors

    officer = User.objects.get(username="canbo.phulang")
    totals = handover_selectors.handover_totals(handover_selectors.handover_list(actor=officer))
    assert (totals["operations"], totals["persons"], totals["wanted"]) == (6, 32, 1)
    received = {row["kind"]: row for row in totals["by_kind"]}["receive"]
    assert (received["operations"], received["persons"]) == (4, 28)
    assert 0 < sum(row["persons"] for row in totals["by_origin"]) <= received["persons"]
    rescues = rescue_selectors.rescue_list(actor=officer)
    assert rescues.count() == 5 and rescues.filter(ended_on=None).count() == 1
    assert all("DỮ LIỆU MẪU" in r.title and r.commune for r in rescues)


def test_the_sample_teams_add_up_in_the_directive_01_table(demo):
    from biengioi.community import teams_selectors

    officer = User.objects.get(username="canbo.phulang")
    summary = teams_selectors.team_summary(teams_selectors.team_list(actor=officer))
    assert summary.teams == 3
    assert (summary.collectives, summary.households, summary.individuals) == (3, 9, 3)
    assert summary.markers == len(SelfManagementTeam.objects.get(kind="line_markers").markers.all())


def test_the_sample_courses_trained_the_sample_teams(demo):
    from biengioi.community import training_selectors

    province = User.objects.get(username="lanhdao.tinh")
    totals = training_selectors.training_totals(
        training_selectors.training_course_list(actor=province)
    )
    assert totals == {"courses": 2, "participants": 83, "people_trained": 77, "teams": 3}
    officer = User.objects.get(username="canbo.phulang")
    own = training_selectors.training_course_list(actor=officer)
    assert own.count() == 1 and all("DỮ LIỆU MẪU" in c.title for c in own)


def test_the_sample_propaganda_sessions_add_up_on_the_usual_topics(demo):
    from biengioi.community import propaganda_selectors

    officer = User.objects.get(username="canbo.phulang")
    sessions = propaganda_selectors.propaganda_session_list(actor=officer)
    totals = propaganda_selectors.propaganda_totals(sessions)
    assert totals["sessions"] == 36 and totals["listeners"] > 36 * 12
    assert totals["materials"] > 0
    assert sessions.filter(form="loudspeaker").count() == 6
    province_topics = propaganda_selectors.propaganda_topics(actor=officer)
    assert province_topics.count() == 9  # the usual ones, seeded by the secretariat
    assert all(s.topics.exists() and "DỮ LIỆU MẪU" in s.note for s in sessions)


def test_the_sample_programmes_add_up_and_stay_with_the_post(demo):
    from biengioi.community import programmes_selectors

    officer = User.objects.get(username="canbo.phulang")
    rows = programmes_selectors.beneficiary_list(actor=officer)
    assert programmes_selectors.beneficiary_totals(rows) == {
        "beneficiaries": 8,
        "monthly_vnd": 7 * 500_000 + 1_000_000,
    }
    counts = {
        c["programme__name"]: c["beneficiaries"]
        for c in programmes_selectors.beneficiary_counts(rows)
    }
    assert counts == {"Con nuôi đồn Biên phòng": 1, "Nâng bước em tới trường": 7}
    province = User.objects.get(username="lanhdao.tinh")
    assert programmes_selectors.beneficiary_list(actor=province).count() == 8
    activities = programmes_selectors.activity_list(actor=officer)
    assert programmes_selectors.activity_totals(activities)["activities"] == 2


def test_the_sample_talks_plan_and_exchanges_tell_their_story(demo, client):
    from biengioi.coordination import exchanges_selectors, talks_selectors

    officer = User.objects.get(username="canbo.phulang")
    plan = talks_selectors.plan_counts(talks_selectors.plan_list(actor=officer))
    assert (plan["total"], plan["done"]) == (4, 2)  # the post's four quarters, two held
    assert Task.objects.filter(agreed_point__talks__unit=officer.unit).count() == 1
    counts = exchanges_selectors.exchange_counts(
        exchanges_selectors.exchange_list(actor=User.objects.get(username="quantri"))
    )
    assert (counts["total"], counts["overdue"]) == (12, 1)
    sign_in(client, officer)
    page = client.get("/coordination/exchanges/?reply=overdue").content.decode()
    assert "Đề nghị phối hợp xử lý vụ việc" in page


def test_the_sample_phu_lang_post_is_late_once_and_missing_once(demo):
    from django.utils import timezone

    from biengioi.coordination import regulations_selectors as selectors
    from biengioi.coordination.sample import sample_problem_periods

    secretariat = User.objects.get(username="thuongtruc.bcd")
    late, missing = sample_problem_periods(timezone.localdate())
    first, last = selectors.compliance_range(late.year)
    table = selectors.compliance(actor=secretariat, first=first, last=last)
    rows = {u.unit.code: u for u in table.units}
    phulang = rows["MAU-BC-DBP-CKPHULANG"]
    cells = {c.period.start: c for r in phulang.duties for c in r.cells}
    assert (cells[late].status, cells[late].label) == ("late", "Chậm 3 ngày")
    assert cells[missing].status == "missing"
    assert (phulang.late, phulang.missing) == (1, 1)
    others = [u for code, u in rows.items() if code != "MAU-BC-DBP-CKPHULANG"]
    assert others and all(u.late == 0 and u.missing == 0 for u in others)
    officer = User.objects.get(username="canbo.phulang")
    owed = selectors.owed(actor=officer)
    assert missing in [c.period.start for c in owed.overdue]
