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
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    # The first read of a period stores its running totals (lpse.totals): a bounded catch-up.
    with CaptureQueriesContext(connection) as first:
        sources.SOURCES[app](start=start, end=end)
    assert len(first) <= 60, f"{app}: {len(first)} queries on the first read"
    with CaptureQueriesContext(connection) as ctx:
        figures = sources.SOURCES[app](start=start, end=end)
    assert figures is not None, f"{app} reports no figures"
    assert set(LABELS[app]) <= set(figures), f"{app}: figures missing {set(LABELS[app]) - set(figures)}"
    for key in LABELS[app]:
        value = figures[key]
        if isinstance(value, dict):
            assert all(isinstance(v, numbers.Number) for v in value.values()), key
        else:
            assert value is None or isinstance(value, numbers.Number), key
    assert len(ctx) <= 30, f"{app}: {len(ctx)} queries"
