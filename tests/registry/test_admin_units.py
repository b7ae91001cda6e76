from datetime import date

import pytest

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.registry import selectors
from biengioi.registry.imports import admin_units_import_csv
from biengioi.registry.models import AdminUnit
from biengioi.registry.services import (
    admin_unit_create,
    admin_unit_update,
    admin_units_load_package,
)

BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


def _unit(**fields):
    return admin_unit_create(actor=None, **fields)


@pytest.fixture
def reform(db):
    """Quảng Bình and Quảng Trị (until 30/06/2025) merged into today's Quảng Trị."""
    qb = _unit(code="44", name="Tỉnh Quảng Bình", level="province", valid_to=BEFORE)
    qt_old = _unit(code="45", name="Tỉnh Quảng Trị", level="province", valid_to=BEFORE)
    district = _unit(
        code="464", name="Huyện Hướng Hóa", level="district", parent_id=qt_old.pk, valid_to=BEFORE
    )
    lao_bao_tt = _unit(
        code="19432",
        name="Thị trấn Lao Bảo",
        level="commune",
        parent_id=district.pk,
        valid_to=BEFORE,
    )
    qt = _unit(
        code="44",
        name="Tỉnh Quảng Trị",
        level="province",
        valid_from=AFTER,
        predecessor_ids=[qb.pk, qt_old.pk],
    )
    lao_bao = _unit(
        code="19432",
        name="Xã Lao Bảo",
        level="commune",
        parent_id=qt.pk,
        valid_from=AFTER,
        predecessor_ids=[lao_bao_tt.pk],
    )
    return {
        "qb": qb,
        "qt_old": qt_old,
        "district": district,
        "lao_bao_tt": lao_bao_tt,
        "qt": qt,
        "lao_bao": lao_bao,
    }


def test_a_record_keeps_the_unit_valid_on_its_own_date(reform):
    assert selectors.admin_unit_on(code="19432", day=date(2024, 5, 1)).name == "Thị trấn Lao Bảo"
    assert selectors.admin_unit_on(code="19432", day=date(2025, 8, 1)).name == "Xã Lao Bảo"
    assert selectors.admin_unit_on(code="45", day=date(2025, 8, 1)) is None


def test_old_units_roll_up_into_their_successors(reform):
    today = date(2025, 12, 1)
    assert selectors.admin_unit_rollup(reform["qb"], today) == [reform["qt"]]
    assert selectors.admin_unit_rollup(reform["qt_old"], today) == [reform["qt"]]
    assert selectors.admin_unit_rollup(reform["lao_bao_tt"], today) == [reform["lao_bao"]]
    assert selectors.admin_unit_rollup(reform["qt"], today) == [reform["qt"]]


def test_the_list_of_a_day_shows_the_map_of_that_day(reform, world):
    names = {
        u.name
        for u in selectors.admin_unit_list(actor=world.alice, level="province", on=date(2025, 1, 1))
    }
    assert names == {"Tỉnh Quảng Bình", "Tỉnh Quảng Trị"}
    found = selectors.admin_unit_list(actor=world.alice, q="lao bao", on=date(2025, 9, 1))
    assert [u.name for u in found] == ["Xã Lao Bảo"]


def _refused(error, field, /, **fields):
    before = AdminUnit.objects.count(), AuditRecord.objects.count()
    with pytest.raises(DomainError) as err:
        _unit(**fields)
    assert (err.value.code, err.value.field) == (error, field)
    assert (AdminUnit.objects.count(), AuditRecord.objects.count()) == before


def test_valid_to_before_valid_from_is_refused(db):
    _refused(
        Code.VALID_TO_BEFORE_FROM,
        "valid_to",
        code="99",
        name="Tỉnh X",
        level="province",
        valid_from=date(2025, 7, 1),
        valid_to=date(2025, 6, 1),
    )


def test_two_versions_of_a_unit_overlapping_in_time_are_refused(reform):
    _refused(
        Code.VERSIONS_OVERLAP,
        "valid_from",
        code="44",
        name="Tỉnh Quảng Trị mới",
        level="province",
        valid_from=date(2026, 1, 1),
    )
    _refused(
        Code.VERSIONS_OVERLAP,
        "valid_from",
        code="45",
        name="Tỉnh Quảng Trị",
        level="province",
        valid_from=date(2020, 1, 1),
        valid_to=date(2025, 1, 1),
    )


def test_a_district_after_the_reform_is_refused(reform):
    _refused(
        Code.DISTRICT_AFTER_REFORM,
        "valid_to",
        code="465",
        name="Huyện Mới",
        level="district",
        parent_id=reform["qt"].pk,
        valid_from=AFTER,
    )


def test_a_commune_cannot_sit_under_a_commune(reform):
    _refused(
        Code.PARENT_LEVEL,
        "parent_id",
        code="19433",
        name="Xã Con",
        level="commune",
        parent_id=reform["lao_bao"].pk,
        valid_from=AFTER,
    )


def test_an_administrator_marks_a_border_commune_and_it_is_audited(reform, world):
    admin_unit_update(actor=world.bob, admin_unit_id=reform["lao_bao"].pk, is_border_area=True)
    record = AuditRecord.objects.filter(action="admin_unit.update").latest("seq")
    assert record.before["is_border_area"] is False and record.after["is_border_area"] is True
    assert record.scope_path == world.bob.unit.path
    with pytest.raises(Exception, match="admin_unit.manage"):
        admin_unit_update(actor=world.erin, admin_unit_id=reform["lao_bao"].pk, name="x")


def test_todays_units_load_from_the_package_and_reloading_changes_nothing(db):
    provinces, communes = admin_units_load_package()
    assert provinces == 34 and communes > 3000
    assert AdminUnit.objects.get(code="44", valid_from=AFTER).name == "Tỉnh Quảng Trị"
    assert AdminUnit.objects.filter(level="commune", parent__code="44").count() > 50
    count = AdminUnit.objects.count()
    admin_units_load_package()
    assert AdminUnit.objects.count() == count


CSV_HEADER = "code,name,level,division_type,parent_code,valid_from,valid_to,predecessors\n"


def test_historical_units_import_from_csv_or_not_at_all(reform, world):
    good = (
        CSV_HEADER + "466,Huyện Đakrông,district,huyện,45,,30/06/2025,\n"
        "19500,Xã Tà Rụt,commune,xã,44,01/07/2025,,\n"
    )
    result = admin_units_import_csv(actor=world.bob, content=good.encode())
    assert result.ok and result.created == 2
    assert AdminUnit.objects.get(code="466").parent == reform["qt_old"]
    bad = (
        CSV_HEADER + "467,Huyện A,district,huyện,45,,30/06/2025,\n"
        "468,Huyện B,district,huyện,44,,31/12/2025,\n"  # row 3: district after reform
        "19501,Xã C,commune,xã,98,01/07/2025,,\n"  # row 4: no parent 98
        "19502,Xã D,commune,xã,44,1/7/25x,,\n"
    )  # row 5: bad date
    result = admin_units_import_csv(actor=world.bob, content=bad.encode())
    assert [(e.row, e.field) for e in result.errors] == [
        (3, "valid_to"),
        (4, "parent_code"),
        (5, "valid_from"),
    ]
    assert not AdminUnit.objects.filter(code="467").exists()


def test_a_communes_population_is_optional_never_negative_and_audited(world):
    commune = world.admin_commune
    assert commune.population is None
    admin_unit_update(actor=world.bob, admin_unit_id=commune.pk, population=4120)
    assert AdminUnit.objects.get(pk=commune.pk).population == 4120
    record = AuditRecord.objects.filter(action="admin_unit.update").latest("seq")
    assert record.before["population"] is None and record.after["population"] == 4120
    with pytest.raises(DomainError) as caught:
        admin_unit_update(actor=world.bob, admin_unit_id=commune.pk, population=-1)
    assert caught.value.field == "population"
    assert AdminUnit.objects.get(pk=commune.pk).population == 4120
    admin_unit_update(actor=world.bob, admin_unit_id=commune.pk, population=None)
    assert AdminUnit.objects.get(pk=commune.pk).population is None
