"""Every page a Kepala Unit and an anonymous visitor reach is WCAG 2.1 AA clean
and valid HTML (issue 13).

The pages are the role × URL table's GET rows (tests/test_access_table.py): all
that answer 200 to the Kepala Unit, who sees the most, and all public ones,
plus the error state of every public form (submitted empty, browser checks
off). Each page gets axe-core (npm ``axe-core``, evaluated by Playwright in the
page) and its HTML is written to a folder that the Nu HTML Checker (npm
``vnu-jar``, on Debian's Java) reads in one JVM run at the end. One browser and
one page for the whole walk keep it quick.
"""

import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from lpse import roles
from tests.access import ANONYMOUS, OK
from tests.conftest import ensure_roles
from tests.factories import UserFactory
from tests.test_access_table import ROWS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# WCAG 2.1 A/AA plus axe's best practices; the issue names two best-practice
# rules (heading order, empty table header) that fail the test whatever their
# impact, next to every serious or critical violation.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
ALWAYS_FAIL = {"heading-order", "empty-table-header"}
# Forms that are not "public forms" to check empty: signing out, voting (no fields); a request's
# decision swaps its table row by HTMX (no navigation; its error state has a browser test of its own).
SKIP_FORM_ACTIONS = ("/akun/keluar/", "/suara/", "/putus/")


_MADE: dict = {}


def _url(row) -> str:
    try:
        kwargs = row.kwargs() if row.kwargs else None
        _MADE[row.kwargs] = kwargs
    except IntegrityError:  # a second row of the same kind (one report per period): reuse the first
        kwargs = _MADE[row.kwargs]
    url = reverse(row.name, kwargs=kwargs)
    data = row.data() if callable(row.data) else row.data
    return f"{url}?{urlencode(data)}" if data else url


def _session_cookie(user, live_server_url: str) -> dict:
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server_url}


def _document_in_progress(signer) -> int:
    """A document with no PDF yet (a worker is on it) whose signer asked to sign."""
    from django.core.cache import cache
    from django.utils import timezone

    from lpse.models import Dokumen, TandaTanganDokumen

    dokumen = Dokumen.objects.create(
        kode="CONTOH", jenis="Surat Keterangan Contoh", nomor="900/CONTOH-UJI", urut=900, tahun=2026, perihal="Uji"
    )
    TandaTanganDokumen.objects.create(
        dokumen=dokumen, urutan=1, penandatangan=signer, peran="Kepala Unit", diminta=timezone.now()
    )
    cache.set(f"dokumen-progres:{dokumen.pk}", "render")
    return dokumen.pk


class Walk:
    """Visits pages, runs axe on each, keeps each page's HTML for vnu."""

    def __init__(self, page, folder: Path):
        self.page = page
        self.folder = folder
        self.axe_source = AXE_JS.read_text()
        self.violations: list[str] = []
        self.visited: list[str] = []
        self.sources: dict[str, str] = {}

    def visit(self, label: str, url: str) -> bool:
        try:
            response = self.page.goto(url)
        except Exception as exc:  # a download (CSV, PDF) is not a page
            if "Download is starting" in str(exc):
                return False
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            return False
        self.check(label, response.text())
        return True

    def check(self, label: str, html: str) -> None:
        self.visited.append(label)
        if "<html" in html.lower():
            name = f"{len(self.sources):03d}.html"
            (self.folder / name).write_text(html)
            self.sources[name] = label
        else:
            return  # an HTMX fragment (progress, suggestions) is checked inside its page
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Through the DevTools protocol: the page's CSP allows no injected <script>.
            self.page.evaluate(self.axe_source)
        result = self.page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical") or v["id"] in ALWAYS_FAIL:
                targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
                self.violations.append(f"{label}: {v['id']} ({v['impact']}, {len(v['nodes'])}×) {targets}")

    def submit_forms_empty(self, label: str, url: str) -> None:
        """The error state of each POST form on the page: submitted empty."""
        count = self.page.locator("main form[method=post], main form[method=POST]").count()
        for i in range(count):
            self.page.goto(url)
            form = self.page.locator("main form[method=post], main form[method=POST]").nth(i)
            action = form.get_attribute("action") or ""
            if any(skip in action for skip in SKIP_FORM_ACTIONS):
                continue
            with self.page.expect_navigation() as navigation:
                form.evaluate(
                    """f => { f.noValidate = true;
                        f.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]),textarea')
                         .forEach(e => { e.value = ''; });
                        f.requestSubmit(); }"""
                )
            self.check(f"{label} [formulir {i + 1} kosong]", navigation.value.text())

    def vnu_errors(self) -> list[str]:
        if not self.sources:
            return []
        java = shutil.which("java")
        assert java, "Java tidak terpasang (make chromium memasang default-jre-headless)"
        done = subprocess.run(  # noqa: S603 - fixed arguments, our own files
            [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", str(self.folder)],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        report = json.loads(done.stderr or done.stdout)
        errors = []
        for message in report["messages"]:
            if message.get("type") == "error" or message.get("subType") == "fatal":
                name = Path(message.get("url", "")).name
                line = message.get("lastLine", "?")
                errors.append(f"{self.sources.get(name, name)}:{line}: {message['message']}")
        return errors


# ~110 pages and ~15 form error states with axe each: about a minute on an idle
# 2-core machine, several when the machine is shared; above the suite's 300 s
# hang guard, which is for a test that waits for nothing.
@pytest.mark.timeout(900)
def test_every_reachable_page_has_no_serious_axe_violation_and_no_html_error(live_server, chromium_browser):
    ensure_roles()
    kepala = UserFactory()
    kepala.groups.add(Group.objects.get(name=roles.KEPALA_UNIT))

    public = [r for r in ROWS if r.method == "get" and r.outcome(ANONYMOUS) == OK and r.ok == 200]
    staff = [
        r
        for r in ROWS
        if r.method == "get" and r.outcome(roles.KEPALA_UNIT) == OK and r.ok == 200 and r.outcome(ANONYMOUS) != OK
    ]
    public_urls = [(r.name, _url(r)) for r in public]
    staff_urls = [(f"{r.name} (Kepala Unit)", _url(r)) for r in staff]
    # Then the demo data, for rows in every state (coloured queues, charts, history).
    call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
    folder = Path(tempfile.mkdtemp(prefix="lpse-vnu-"))
    context = chromium_browser.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    walk = Walk(page, folder)
    try:
        for label, path in public_urls:
            if walk.visit(label, live_server.url + path):
                walk.submit_forms_empty(label, live_server.url + path)
        # The 404 page, as a visitor meets it.
        walk.check("404", page.goto(live_server.url + "/tidak-ada-halaman-ini/").text())

        context.add_cookies([_session_cookie(kepala, live_server.url)])
        for label, path in staff_urls:
            walk.visit(label, live_server.url + path)
        walk.visit("lpse:home (Kepala Unit)", live_server.url + reverse("lpse:home"))
        # Issue 12: a document whose PDF a worker is still making, and one being signed.
        waiting = _document_in_progress(kepala)
        walk.visit("sedang disiapkan (Kepala Unit)", live_server.url + reverse("lpse:dokumen-download", args=[waiting]))
        walk.visit(
            "tanda tangan berjalan (Kepala Unit)", live_server.url + reverse("lpse:dokumen-detail", args=[waiting])
        )
        html_errors = walk.vnu_errors()
    finally:
        context.close()
        shutil.rmtree(folder, ignore_errors=True)

    assert len(walk.visited) > 60, walk.visited
    problems = walk.violations + html_errors
    assert not problems, f"{len(walk.violations)} pelanggaran axe, {len(html_errors)} galat HTML:\n" + "\n".join(
        problems
    )


# Pasal 8(4)f (issue 15): the perlengkapan pages, walked alone so `-k perlengkapan` is quick; as the
# Sekretaris, who also sees the approval buttons and the closing form, after the demo data.
PERLENGKAPAN = ("sekretariat:barang-", "sekretariat:peminjaman-", "sekretariat:permintaan-", "sekretariat:stok-opname-")


def _seed_outside_the_browser_loop() -> None:
    """The demo data signs documents with pyHanko (asyncio.run), which cannot run in the thread
    where Playwright's event loop lives: seed in a thread of its own."""
    import threading

    from django.db import connection

    failure = []

    def seed():
        try:
            call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
        except Exception as exc:  # re-raised below, in the test's thread
            failure.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=seed)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


@pytest.mark.timeout(600)
def test_perlengkapan_pages_have_no_serious_axe_violation_and_no_html_error(live_server, chromium_browser):
    from sekretariat import services
    from sekretariat.models import Barang, StokOpname

    ensure_roles()
    sekretaris = UserFactory()
    sekretaris.groups.add(Group.objects.get(name=roles.SEKRETARIS))
    _seed_outside_the_browser_loop()
    rows = [r for r in ROWS if r.name.startswith(PERLENGKAPAN) and r.method == "get" and "ekspor" not in r.name]
    urls = [(r.name, _url(r)) for r in rows]
    so = StokOpname.objects.exclude(status="selesai").first() or services.stok_opname_start(tahun=2030, user=sekretaris)
    urls += [
        ("barang-detail peralatan", reverse("sekretariat:barang-detail", args=[Barang.objects.get(kode="PRL-002").pk])),
        ("stok-opname-detail demo", so.get_absolute_url()),
        ("barang-list rendah", reverse("sekretariat:barang-list") + "?stok=rendah"),
        ("sekretariat:index", reverse("sekretariat:index")),
    ]
    folder = Path(tempfile.mkdtemp(prefix="lpse-vnu-"))
    context = chromium_browser.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    walk = Walk(page, folder)
    try:
        context.add_cookies([_session_cookie(sekretaris, live_server.url)])
        for label, path in urls:
            assert walk.visit(label, live_server.url + path), label
        # The error states of the request and movement forms, submitted empty.
        atk = reverse("sekretariat:barang-detail", args=[Barang.objects.get(kode="ATK-001").pk])  # no loan to return
        for label, path in (("permintaan", reverse("sekretariat:permintaan-list")), ("barang-detail", atk)):
            walk.visit(label, live_server.url + path)  # the forms are counted on the page just visited
            walk.submit_forms_empty(label, live_server.url + path)
        html_errors = walk.vnu_errors()
    finally:
        context.close()
        shutil.rmtree(folder, ignore_errors=True)
    assert len(walk.visited) >= len(urls) + 4, "\n".join(walk.visited)
    problems = walk.violations + html_errors
    assert not problems, "\n".join(problems)
