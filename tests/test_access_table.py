"""The role × URL table (see tests/access.py)."""

from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.access import ANONYMOUS, FORBIDDEN, LOGIN, OK, PERSONAS, project_url_names

APPS = ("lpse", "registrasi", "layanan", "infrastruktur", "monitoring", "backup", "sekretariat")


def _rows():
    """Rows from every ``tests/<app>/access*.py`` (a bidang may split its table)."""
    rows, exempt = [], set()
    here = Path(__file__).parent
    for app in APPS:
        for path in sorted((here / app).glob("access*.py")):
            module = import_module(f"tests.{app}.{path.stem}")
            rows.extend(module.ACCESS)
            exempt |= getattr(module, "EXEMPT_NAMESPACES", set())
    return rows, exempt


ROWS, EXEMPT = _rows()


def test_every_named_url_is_in_the_table():
    listed = {row.name for row in ROWS}
    missing = {n for n in project_url_names() if n.split(":")[0] not in EXEMPT or n == "admin:index"} - listed
    assert not missing, f"URL tanpa baris di tabel peran × URL: {sorted(missing)}"
    assert len(listed) == len(ROWS), "a URL is listed twice"


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p or "anonim")
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.name)
def test_role_gets_expected_outcome(row, persona, client, make_user):
    if persona is not ANONYMOUS:
        client.force_login(make_user(persona))
    url = reverse(row.name, kwargs=row.kwargs() if row.kwargs else None)
    data = row.data() if callable(row.data) else row.data
    response = getattr(client, row.method)(url, data or {})
    expected = row.outcome(persona)
    if expected == "any":
        assert response.status_code in (200, 503)  # health depends on the worker, never a 500
    elif expected == OK:
        assert response.status_code == row.ok, f"{persona} → {url}: {response.status_code}"
    elif expected == LOGIN:
        assert response.status_code == 302
        # The admin keeps its own sign-in page; everything else goes to the portal's.
        login = reverse("admin:login") if row.name.startswith("admin:") else reverse(settings.LOGIN_URL)
        assert response["Location"].startswith(login + "?next="), response["Location"]
    elif expected == FORBIDDEN:
        assert response.status_code == 403, f"{persona} → {url}: {response.status_code}"
        assert "tidak memiliki hak" in response.content.decode()
    else:
        assert response.status_code == expected, f"{persona} → {url}: {response.status_code}"
