"""The kept search column (core.search.Searched, issue 23 item 2): every write path keeps
`searched` equal to the words of the model's SEARCH_FIELDS (a choice field by its label), and
matching on it finds exactly what the word rule finds computed by the database, and by Python."""

import importlib
import pkgutil
import uuid
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, migrations
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biengioi.cli import load_sample
from biengioi.coordination.models import Conference, Document, Talks, Task
from biengioi.coordination.services import (
    conference_create,
    conference_update,
    document_add,
    talks_create,
    talks_update,
    task_create,
    task_update,
)
from biengioi.core.search import (
    Searched,
    fill_searched,
    kept_text,
    kept_values,
    matching,
    matching_column,
    matching_computed,
    words,
)
from biengioi.core.text import unaccent
from biengioi.operations.models import CrimeCase, Incident
from biengioi.operations.services import (
    crime_case_create,
    crime_case_update,
    incident_create,
    incident_update,
)
from biengioi.registry.models import Gate, OrgUnit, Sign
from biengioi.registry.services import gate_create, gate_update, sign_create, sign_update
from tests.clock import stopped_on

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _kept(row):
    """What the row's column must hold, computed here from its fields as stored."""
    row.refresh_from_db()
    return kept_text(kept_values(row, type(row).SEARCH_FIELDS))


def _incident(world, **fields):
    return incident_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="other",
        title=fields.pop("title", "Phát hiện người vượt biên trái phép"),
        description=fields.pop("description", "Hai người đi qua đường mòn gần Khe Cạn."),
        lon=106.61,
        lat=16.61,
        detected_on=date(2025, 9, 1),
        detected_by="Tổ tuần tra",
        **fields,
    )[0]


def test_every_searched_model_is_declared():
    """The models the header search reads by their words keep the column; a new one added
    without fields would keep an empty copy and never be found."""
    kept = {m for m in apps.get_models() if issubclass(m, Searched)}
    assert kept == {Incident, CrimeCase, Task, Conference, Talks, Document, Sign, Gate}
    for model in kept:
        assert model.SEARCH_FIELDS, model
        for name in model.SEARCH_FIELDS:
            model._meta.get_field(name)


def test_incident_keeps_its_copy_when_made_and_corrected(world):
    incident = _incident(world)
    assert incident.searched == _kept(incident)
    assert " vuot bien " in incident.searched and " khe can " in incident.searched
    assert incident.searched.endswith(" vu viec khac ")  # the kind "other", by its label
    incident_update(
        actor=world.alice,
        incident_id=incident.pk,
        version=incident.version,
        title="Lấn chiếm đất canh tác",
        description="Phía bạn phát nương",
    )
    incident.refresh_from_db()
    assert incident.searched == " lan chiem dat canh tac phia ban phat nuong vu viec khac "
    assert incident.searched == _kept(incident)


def test_crime_case_keeps_its_copy_when_made_and_corrected(world):
    case = crime_case_create(
        actor=world.alice,
        unit_id=world.post.pk,
        category="drugs",
        title="Vận chuyển trái phép chất ma túy",
        detected_on=date(2025, 9, 2),
        place="Bản Nà Lạn",
    )[0]
    assert case.searched == _kept(case) and " ma tuy " in case.searched
    crime_case_update(
        actor=world.alice,
        case_id=case.pk,
        version=case.version,
        title="Buôn lậu thuốc lá",
        description="Thu giữ 300 bao",
        place="Đường mòn Khe Đá",
        decision="QĐ 12/XPHC",
    )
    case.refresh_from_db()
    assert case.searched.startswith(
        " buon lau thuoc la thu giu 300 bao duong mon khe da qd 12 xphc "
    )
    assert case.searched == _kept(case)


def test_conference_and_task_keep_their_copy(world):
    conference = conference_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="briefing",
        title="Giao ban công tác biên giới tháng 9",
        held_on=date(2025, 9, 5),
        plan_number="KH 15",
        place="Hội trường đồn",
    )[0]
    assert conference.searched == _kept(conference) and " hoi truong " in conference.searched
    conference_update(
        actor=world.alice,
        conference_id=conference.pk,
        version=conference.version,
        title="Sơ kết 6 tháng",
        place="Phòng họp Bộ Chỉ huy",
    )
    conference.refresh_from_db()
    assert conference.searched.startswith(" so ket 6 thang kh 15 phong hop bo chi huy ")
    assert conference.searched == _kept(conference)
    task = task_create(
        actor=world.alice,
        unit_id=world.post.pk,
        title="Rà soát hồ sơ mốc",
        deadline=date(2025, 9, 30),
        description="Các mốc xuống cấp",
    )[0]
    assert task.searched == " ra soat ho so moc cac moc xuong cap "
    task_update(actor=world.alice, task_id=task.pk, version=task.version, title="Sửa biển báo")
    task.refresh_from_db()
    assert task.searched == " sua bien bao cac moc xuong cap " == _kept(task)


def test_talks_and_documents_keep_their_copy(world):
    talks = talks_create(
        actor=world.alice,
        unit_id=world.post.pk,
        level="post",
        counterpart_id=world.counterpart.pk,
        held_on=date(2025, 3, 20),
        host_side="ours",
        place="Cửa khẩu Hữu Nghị",
        agenda="Tuần tra song phương",
        agreed_points=["Tuần tra song phương"],
    )[0]
    assert talks.searched.startswith(" cua khau huu nghi tuan tra song phuong ")
    assert talks.searched == _kept(talks)
    talks_update(
        actor=world.alice, talks_id=talks.pk, version=talks.version, our_head="Đại úy Lò Văn Á"
    )
    talks.refresh_from_db()
    assert " lo van a " in talks.searched and talks.searched == _kept(talks)
    document = document_add(
        actor=world.alice,
        file=SimpleUploadedFile("Biên bản hội đàm.png", PNG),
        kind="photo",
        talks_id=talks.pk,
        note="Ảnh chụp tại điểm hội đàm",
    )[0]
    assert " anh chup " in document.searched and document.searched == _kept(document)


def test_signs_and_gates_keep_their_copy(world):
    sign = sign_create(
        actor=world.erin,
        line_id=world.line.pk,
        code="BĐ-07",
        kind="border_belt",
        lon=106.605,
        lat=16.605,
        post_id=world.post.pk,
    )
    assert sign.searched.startswith(" bd 07 ") and sign.searched == _kept(sign)
    sign_update(actor=world.erin, sign_id=sign.pk, code="VC-08")
    sign.refresh_from_db()
    assert sign.searched.startswith(" vc 08 ") and sign.searched == _kept(sign)
    gate = gate_create(
        actor=world.erin,
        line_id=world.line.pk,
        name="Cửa khẩu phụ Bản Giốc",
        side="vn",
        kind="secondary",
        lon=106.62,
        lat=16.62,
        post_id=world.post.pk,
    )
    assert gate.searched.startswith(" cua khau phu ban gioc ") and gate.searched == _kept(gate)
    gate_update(actor=world.erin, gate_id=gate.pk, name="Lối mở Khe Ước")
    gate.refresh_from_db()
    assert gate.searched.startswith(" loi mo khe uoc ") and gate.searched == _kept(gate)
    # a save of other fields only keeps the copy as it is and writes no more than asked
    with CaptureQueriesContext(connection) as queries:
        gate.opening_hours = "7:00 - 17:00"
        gate.save(update_fields=["opening_hours"])
    assert "searched" not in queries.captured_queries[-1]["sql"]
    # a save naming a kept field writes the copy with it
    gate.name = "Lối mở Nà Sa"
    gate.save(update_fields=["name"])
    assert Gate.objects.get(pk=gate.pk).searched.startswith(" loi mo na sa ")


def test_bulk_writes_keep_the_copy_and_update_refuses_a_kept_field(world):
    first = _incident(world, title="Thứ nhất")
    Incident.objects.filter(pk=first.pk).update(searched="")  # as if written before the column
    first.title = "Đốt nương lấn biên"
    Incident.objects.bulk_update([first], ["title"])
    assert Incident.objects.get(pk=first.pk).searched == _kept(first)
    copy = Incident.objects.get(pk=first.pk)
    copy.pk, copy.uuid, copy.title, copy.searched = None, uuid.uuid4(), "Bản sao chép", ""
    Incident.objects.bulk_create([copy])
    made = Incident.objects.get(uuid=copy.uuid)
    assert made.searched.startswith(" ban sao chep ") and made.searched == _kept(made)
    with pytest.raises(TypeError, match="title"):
        Incident.objects.filter(pk=first.pk).update(title="Không giữ được bản sao")
    assert Incident.objects.get(pk=first.pk).title == "Đốt nương lấn biên"


def test_the_migration_fills_the_rows_already_there(world):
    incident = _incident(world, title="Vượt biên trái phép")
    Incident.objects.filter(pk=incident.pk).update(searched="")
    step = fill_searched("operations", {"Incident": ("title", "description", "kind")})
    step.code(apps, SimpleNamespace(connection=connection))
    assert Incident.objects.get(pk=incident.pk).searched == _kept(incident)


def _run_search_words_migration(app_label):
    """The data steps of the app's migration bringing in the word rule (found by its name, so
    a renumbering does not lose it)."""
    package = importlib.import_module(f"biengioi.{app_label}.migrations")
    (name,) = [
        m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith("_search_words")
    ]
    module = importlib.import_module(f"{package.__name__}.{name}")
    for step in module.Migration.operations:
        if isinstance(step, migrations.RunPython):
            step.code(apps, SimpleNamespace(connection=connection))


def test_the_word_rule_migrations_refill_the_rows_written_before(world):
    """Rows written by the old rule (the unaccented text, no spaces round its words, no choice
    labels) are not found by the word rule until the migrations refill them."""
    incident = _incident(world, title="Tự quản đường biên")
    talks = talks_create(
        actor=world.alice,
        unit_id=world.post.pk,
        level="post",
        counterpart_id=world.counterpart.pk,
        held_on=date(2025, 3, 20),
        host_side="ours",
        place="Cửa khẩu Hữu Nghị",
        agenda="Tuần tra",
        agreed_points=["Tuần tra"],
    )[0]
    Incident.objects.filter(pk=incident.pk).update(
        searched=unaccent(f"{incident.title} {incident.description}")
    )
    Talks.objects.filter(pk=talks.pk).update(searched=unaccent(talks.place))
    OrgUnit.objects.filter(pk=world.post.pk).update(name_search=unaccent(world.post.name))
    incidents, all_talks = Incident.objects.filter(pk=incident.pk), Talks.objects.all()
    posts = OrgUnit.objects.filter(pk=world.post.pk)
    assert not matching(incidents, "tu quan") and not matching(incidents, "vu viec khac")
    assert not matching(all_talks, "cua khau")
    assert not matching_column(posts, "don bien phong", "name_search")
    for app_label in ("operations", "coordination", "registry"):
        _run_search_words_migration(app_label)
    assert list(matching(incidents, "tu quan")) == [incident]
    assert list(matching(incidents, "vu viec khac")) == [incident]  # its kind's label
    assert list(matching(all_talks, "cua khau")) == [talks]
    assert list(matching_column(posts, "don bien phong", "name_search")) == [world.post]
    assert Incident.objects.get(pk=incident.pk).searched == _kept(incident)
    assert Talks.objects.get(pk=talks.pk).searched == _kept(talks)
    assert OrgUnit.objects.get(pk=world.post.pk).name_search == kept_text([world.post.name])


def test_the_sample_province_keeps_every_copy():
    day = date(2026, 7, 1)
    with stopped_on(day):
        load_sample(day)
    checked = 0
    for model in (m for m in apps.get_models() if issubclass(m, Searched)):
        for row in model.objects.all():
            assert row.searched == kept_text(kept_values(row, model.SEARCH_FIELDS)), row
            assert row.searched or not any(getattr(row, f) for f in model.SEARCH_FIELDS)
            checked += 1
    assert Incident.objects.exists() and CrimeCase.objects.exists() and Gate.objects.exists()
    assert checked > 20


def test_matching_uses_the_column_only_for_the_fields_it_keeps(world):
    incident = _incident(world)
    rows = Incident.objects.all()

    def where(found):
        return str(found.query).split("WHERE")[1].upper()

    kept = where(matching(rows, "vuot bien", "kind", "description", "title"))
    assert '"SEARCHED"' in kept and "KEPT" not in kept and "TRANSLATE" not in kept
    assert where(matching(rows, "vuot bien")) == kept
    other = where(matching(rows, "vuot bien", "title"))
    assert '"SEARCHED"' not in other and ("BIENGIOI_KEPT" in other or "TRANSLATE" in other)
    # a word found only in the description: the title alone does not hold it
    assert list(matching(rows, "khe can")) == [incident]
    assert list(matching(rows, "khe can", "title")) == []


LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
ALPHABET = LETTERS + LETTERS.upper() + "0123456789 ()-/.,"


@pytest.fixture
def three(world):
    return [_incident(world, title=f"Vụ {n}") for n in range(3)]


def _found_by_python(records, typed):
    """The word rule written plainly: each typed word but the last is a word of the record,
    the last the beginning of one."""
    *whole, last = words(typed)
    found = set()
    for pk, text in records.items():
        have = words(text)
        if all(w in have for w in whole) and any(h.startswith(last) for h in have):
            found.add(pk)
    return found


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.lists(
        st.tuples(st.text(ALPHABET, max_size=30), st.text(ALPHABET, max_size=40)),
        min_size=3,
        max_size=3,
    ),
    typed=st.one_of(st.text(ALPHABET, min_size=1, max_size=12), st.integers(0, 2)),
    data=st.data(),
)
def test_the_column_the_database_and_python_find_by_the_same_word_rule(three, texts, typed, data):
    for incident, (title, description) in zip(three, texts, strict=True):
        incident.title, incident.description = title, description
        incident.save(update_fields=["title", "description"])
    if isinstance(typed, int):  # often a piece of what is stored, recased, so that words hit
        title, description = texts[typed]
        stored = f"{title} {description}"
        start = data.draw(st.integers(0, len(stored)))
        typed = stored[start : start + data.draw(st.integers(1, 12))].swapcase() or "x"
    if not words(typed):
        return
    rows = Incident.objects.filter(pk__in=[i.pk for i in three])
    fields = ("title", "description", "kind")
    kept = set(matching(rows, typed).values_list("pk", flat=True))
    computed = set(matching_computed(rows, typed, *fields).values_list("pk", flat=True))
    records = {i.pk: f"{t} {d} Vụ việc khác" for i, (t, d) in zip(three, texts, strict=True)}
    assert kept == computed == _found_by_python(records, typed)
