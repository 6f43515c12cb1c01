"""The contract of sekretariat/sources.py against the other bidang's real selectors.

Every bidang must answer with the documented figures (plain numbers, breakdowns as
dicts) and a number of queries that does not depend on its data; a bidang that
answers nothing fails here instead of being skipped.
"""

import datetime as dt
import numbers

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sekretariat import sources
from sekretariat.report import LABELS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("app", ["registrasi", "layanan", "infrastruktur"])
def test_bidang_selector_follows_the_contract(app):
    with CaptureQueriesContext(connection) as ctx:
        figures = sources.SOURCES[app](start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert figures is not None, f"{app} reports no figures"
    assert set(LABELS[app]) <= set(figures), f"{app}: figures missing {set(LABELS[app]) - set(figures)}"
    for key in LABELS[app]:
        value = figures[key]
        if isinstance(value, dict):
            assert all(isinstance(v, numbers.Number) for v in value.values()), key
        else:
            assert value is None or isinstance(value, numbers.Number), key
    assert len(ctx) <= 30, f"{app}: {len(ctx)} queries"
