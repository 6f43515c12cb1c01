import pytest
from django.contrib.auth.models import Group

from lpse import roles
from lpse.demo import DEMO_PASSWORD
from tests.factories import UserFactory

pytest.register_assert_rewrite("tests.access")
# Signing fixtures (test CA, signing_dir) for every app that issues signed documents.
pytest_plugins = ["tests.lpse.signing_helpers"]


def ensure_roles() -> None:
    """Groups and permissions as the migrations made them.

    Transactional tests flush the database, data migrations included; this
    puts the roles back so every test starts from the same state.
    """
    if not Group.objects.filter(name=roles.KEPALA_UNIT).exists():
        from django.apps import apps

        roles.grant(apps, roles.all_role_permissions())


@pytest.fixture(autouse=True)
def _celery_as_configured(settings):
    """Every test starts with the Celery app as tests/settings.py sets it.

    A test that switched eager mode off (to reach a real broker) and failed
    halfway must not leave later tests waiting for results no worker makes.
    """
    from lpse.celery import app

    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _no_cached_banner():
    """Start every test with an empty, warm urgent-banner cache.

    The cache lives in Redis and would otherwise carry banners of earlier
    tests' rolled-back rows. Warm, as in production, so query counts do not
    depend on test order; saving a Pengumuman clears it (lpse.signals).
    """
    from django.core.cache import cache

    from lpse.context_processors import BANNER_CACHE_KEY
    from sekretariat.templatetags.sekretariat import CACHE_KEY as KONTEN_CACHE_KEY

    cache.clear()  # nothing cached by an earlier test (panel counts, figures) survives its rows
    cache.set(BANNER_CACHE_KEY, [], 300)
    cache.set(KONTEN_CACHE_KEY, {}, 300)  # the home page's Sekretariat content, likewise


@pytest.fixture(autouse=True)
def _forced_logins_passed_second_factor(monkeypatch):
    """``client.force_login`` stands for a finished sign-in, second factor included.

    The suite logs staff in with force_login everywhere; the real password →
    code flow has its own tests (tests/lpse/test_otp.py).
    """
    from django.test.client import ClientMixin

    from lpse import otp

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        session[otp.REQUIRED_KEY] = True
        session[otp.VERIFIED_KEY] = "test"
        session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture
def roles_ready(db):
    ensure_roles()


@pytest.fixture
def make_user(db):
    """make_user(role, **fields): a user holding one role (or none)."""

    def _make(role: str | None = None, **fields):
        ensure_roles()
        user = UserFactory(**fields)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return _make


@pytest.fixture
def client_as(client, make_user):
    """client_as(role): a test client logged in as a fresh user of that role."""

    def _login(role: str | None, **fields):
        if role is None:
            return client
        user = make_user(role, **fields)
        client.force_login(user)
        client.user = user
        return client

    return _login


@pytest.fixture
def demo_password():
    return DEMO_PASSWORD


# --- Browser tests: Playwright driving Debian's Chromium ----------------------
# Shared by every app's browser tests: request ``chromium_page`` (a fresh page in
# its own context; ``chromium_page.console_errors`` collects console errors and
# uncaught exceptions, CSP violations included). Mark such tests
# ``@pytest.mark.browser`` and use pytest-django's ``live_server``.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium for the whole run (never ``playwright install``)."""
    import os

    # Playwright's sync API runs an event loop in this thread; the ORM calls of
    # the tests are still synchronous and safe. Set for the rest of the session
    # (the loop lives as long as the browser); subprocesses that run
    # ``check --deploy`` must drop it from their environment.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def chromium_page(chromium_browser):
    context = chromium_browser.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda msg: msg.type == "error" and page.console_errors.append(f"{msg.text} ({msg.location.get('url')})"),
    )
    page.on("pageerror", lambda exc: page.console_errors.append(f"{exc} @ {page.url}"))
    yield page
    context.close()
