"""The statistics of a province-year built to add up to the seed reports' figures (golden.py):
the computed figures are those the reports quote, each with the previous year's and the change."""

from decimal import Decimal

import pytest

from biengioi.reports.periods import parse
from biengioi.reports.statistics import compute

from . import golden


@pytest.fixture
def built(world):
    return golden.build(world)


def test_the_province_year_adds_up_to_the_seed_reports(world, built, django_assert_max_num_queries):
    with django_assert_max_num_queries(60):
        stats = compute(world.sam, world.tbt.pk, parse("2025"))
    assert stats.period.label == "năm 2025" and stats.previous.label == "năm 2024"

    kinds = stats.patrols.by["kind"]
    assert (kinds["unilateral"]["patrols"].value, kinds["unilateral"]["patrols"].previous) == (
        81,
        72,
    )
    assert (kinds["bilateral"]["patrols"].value, kinds["bilateral"]["patrols"].previous) == (27, 24)
    assert stats.patrols.total["patrols"].change == 12
    assert stats.patrols.total["patrols"].percent == Decimal("12.5")
    assert stats.patrols.total["patrols"].trend == "tăng"
    assert stats.patrols.total["km"].value == 108 * golden.KM_PER_PATROL
    assert kinds["unilateral"]["patrols"].value + kinds["bilateral"]["patrols"].value == 108

    propaganda = stats.propaganda.total
    assert (propaganda["sessions"].value, propaganda["sessions"].previous) == (562, 500)
    assert (propaganda["listeners"].value, propaganda["listeners"].previous) == (21_790, 19_000)
    assert propaganda["listeners"].change == 2_790
    assert propaganda["sessions"].percent == Decimal("12.4")
    assert propaganda["leaflets"].value == 5_620

    training = stats.training.total
    assert (training["courses"].value, training["courses"].previous) == (4, 3)
    assert (training["teams"].value, training["teams"].previous) == (238, 200)
    assert training["teams"].percent == Decimal(19)

    twinned = stats.twinning.by["kind"]
    assert (
        twinned["commune_township"]["pairs"].value,
        twinned["commune_township"]["pairs"].previous,
    ) == (15, 12)
    assert twinned["commune_township"]["signed"].value == 3
    assert (
        twinned["cluster_cluster"]["pairs"].value,
        twinned["cluster_cluster"]["pairs"].previous,
    ) == (5, 5)
    assert twinned["cluster_cluster"]["pairs"].trend == "bằng"
    assert stats.twinning.total["pairs"].value == 20

    teams = stats.teams.total
    assert (teams["teams"].value, teams["teams"].previous) == (238, 238)


def test_merged_communes_roll_up_into_their_successor(world, built):
    stats = compute(world.sam, world.tbt.pk, parse("2025"))
    communes = stats.propaganda.by["commune"]
    new = str(built.commune.pk)
    # every session of both years counts under Xã Đàm Thủy, the commune valid at the end of 2025
    assert list(communes) == [new]
    assert stats.propaganda.labels["commune"][new] == "Xã Đàm Thủy"
    assert (communes[new]["sessions"].value, communes[new]["sessions"].previous) == (562, 500)
    assert (communes[new]["listeners"].value, communes[new]["listeners"].previous) == (
        21_790,
        19_000,
    )
    # the teams of the two old communes count under it too
    assert list(stats.teams.by["commune"]) == [new]
    assert stats.teams.by["commune"][new]["teams"].value == golden.TEAMS
    # border communes as they stood at each year's end: two before the merger, one after
    border = stats.registry.total["border_communes"]
    assert (border.value, border.previous, border.trend) == (1, 2, "giảm")
    assert list(stats.registry.labels["border_communes"].values()) == ["Xã Đàm Thủy"]
    # the first half of 2025, before the merger took effect, keeps the two old communes
    half = compute(world.sam, world.tbt.pk, parse("2025-H1"))
    assert half.registry.total["border_communes"].value == 2
    # ordered by name without accents: Đàm before Thủy
    assert list(half.propaganda.labels["commune"].values()) == ["Xã Đàm Cũ", "Xã Thủy Cũ"]
