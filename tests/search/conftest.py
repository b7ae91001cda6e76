"""The sample province loaded once for the search tests of a module (rolled back after it)."""

from datetime import date

import pytest
from django.db import transaction

from biengioi.cli import load_sample
from tests.clock import stopped_on

# the day the sample is loaded on: the sample is dated from it
SAMPLE_DAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def sample_province(django_db_setup, django_db_blocker):
    """The sample province and its demo users, once for the module, inside a transaction rolled
    back after its last test (each test runs in a savepoint of it)."""
    with stopped_on(SAMPLE_DAY), django_db_blocker.unblock(), transaction.atomic():
        province, _logins = load_sample(SAMPLE_DAY)
        yield province.pk
        transaction.set_rollback(True)


@pytest.fixture
def sample(sample_province, db):
    return sample_province
