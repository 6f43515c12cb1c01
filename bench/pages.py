"""Which pages the benchmark drives, and as whom.

The platform's pages are listed here; each bidang app may add its own in
``<app>/seed.py`` as ``BENCH_PAGES = [{"name", "path", "role"}]``; ``role``
None is a public page requested without logging in. ``path`` may be a zero-arg
callable, evaluated here, after seeding, against the database in use.

Every page meets the same budget (issue 14): no entry may carry a budget of
its own, an entry that tries is refused.

Every page is compared with the *floor* (``lpse:floor``: the bare base
template, navigation included) requested by the same user, so the ratio shows
what the page's own work costs; the floor in turn is compared with the *zero*
page (``lpse:zero``: a logged-in view answering a few bytes through the same
middleware), so the ratio shows what the page frame costs. Roles without staff
access cannot open the floor; their pages are compared with the floor of
``FLOOR_FALLBACK_ROLE``.

``BENCH_ONLY`` (environment) keeps only the pages whose name contains one of
its comma-separated words (their zero and floor runs stay): for a quick check
of a few pages.

Run as ``python -m bench.pages`` (Django settings from the environment) to
print the plan as JSON.
"""

import json
import os
import sys

# Issue 14: one budget for every page at 4 concurrent users on the volume data:
# p95 under 100 ms, at least 50 % of its floor's requests/s, the same query
# count and at most 1.5x the p50 of the small data. The floor itself keeps at
# least 50 % of the zero page's requests/s.
P95_MS = 100.0
MIN_RATIO = 0.5
MAX_P50_GROWTH = 1.5
FLOOR_MIN_RATIO = 0.5
FLOOR_FALLBACK_ROLE = "Kepala Unit"
PAGE_KEYS = {"name", "path", "role"}


class BenchPageError(ValueError):
    """A BENCH_PAGES entry the harness cannot use."""


def platform_pages() -> list[dict]:
    from django.urls import reverse

    from lpse import roles

    # Kepala Unit sees every dashboard panel: the heaviest /staf/ there is.
    return [
        {"name": "Beranda (/)", "path": reverse("lpse:home"), "role": roles.KEPALA_UNIT},
        {"name": "Dasbor staf (/staf/)", "path": reverse("lpse:dashboard"), "role": roles.KEPALA_UNIT},
        {"name": "publik: verifikasi dokumen", "path": _verification_path, "role": None},
    ]


def _verification_path() -> str:
    """The public verification page of the newest official document (a QR code's target)."""
    from django.urls import reverse

    from lpse.models import Dokumen

    dokumen = Dokumen.objects.order_by("-pk").only("token").first()
    if dokumen is None:
        raise BenchPageError("lpse: no Dokumen to verify; seed_demo issues some")
    return reverse("lpse:dokumen-verifikasi", kwargs={"token": dokumen.token})


def _bench_pages_of(seed) -> list[dict]:
    return list(getattr(seed, "BENCH_PAGES", []))


def normalise(page: dict, app: str) -> dict:
    """One BENCH_PAGES entry with its path evaluated and its budget filled in."""
    from lpse.roles import ALL_ROLES

    missing = PAGE_KEYS - set(page)
    if missing:
        raise BenchPageError(f"{app}: BENCH_PAGES entry {page!r} lacks {sorted(missing)}")
    extra = set(page) - PAGE_KEYS
    if extra:
        raise BenchPageError(
            f"{app}: {page['name']!r} declares {sorted(extra)}; every page has the same budget (issue 14)"
        )
    path = page["path"]() if callable(page["path"]) else page["path"]
    if not isinstance(path, str) or not path.startswith("/"):
        raise BenchPageError(f"{app}: path of {page['name']!r} must be an absolute path, got {path!r}")
    if page["role"] is not None and page["role"] not in ALL_ROLES:
        raise BenchPageError(f"{app}: unknown role {page['role']!r} for {page['name']!r}")
    return {
        "name": str(page["name"]),
        "path": path,
        "role": page["role"],
        "app": app,
    }


def collect_pages(*, only: str = "") -> list[dict]:
    """The platform's pages, then each app's (its registered seed module), in registry order
    (``only``: see ``selected``)."""
    from lpse import registry

    pages = [normalise(p, "lpse") for p in selected(platform_pages(), only)]
    for contribution in registry.contributions():
        pages.extend(normalise(p, contribution.app) for p in selected(_bench_pages_of(contribution.seed), only))
    names = [p["name"] for p in pages]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise BenchPageError(f"BENCH_PAGES names must be unique; repeated: {duplicates}")
    return pages


def floor_role_for(role: str | None) -> str:
    """The role whose floor a page of ``role`` is compared with (anonymous: the fallback's)."""
    from lpse.demo import demo_email
    from lpse.models import User

    if role is None:
        return FLOOR_FALLBACK_ROLE
    user = User.objects.get(email=demo_email(role))
    return role if user.has_perm("lpse.akses_staf") else FLOOR_FALLBACK_ROLE


def selected(pages: list[dict], only: str) -> list[dict]:
    """The pages whose name contains one of the comma-separated words of ``only`` (all when empty)."""
    words = [w.strip().lower() for w in only.split(",") if w.strip()]
    if not words:
        return pages
    return [p for p in pages if any(w in p["name"].lower() for w in words)]


def build_plan(*, only: str = "") -> dict:
    """Pages grouped by floor role: each group's zero page, then its floor, run right before its pages.

    Each run has a ``kind``: "zero" (the reference of its floor), "floor" (the
    reference of its pages, ``zero`` names its zero run) or "page" (``floor``
    names its floor run).
    """
    from django.urls import reverse

    from lpse.demo import DEMO_PASSWORD, demo_email

    pages = collect_pages(only=only)
    groups: dict[str, list[dict]] = {}
    for page in pages:
        role = floor_role_for(page["role"])
        page |= {"kind": "page", "floor": f"Lantai ({role})"}
        groups.setdefault(role, []).append(page)
    runs = []
    for role, members in groups.items():
        zero = {"name": f"Nol ({role})", "path": reverse("lpse:zero"), "role": role, "app": "lpse", "kind": "zero"}
        floor = {
            "name": f"Lantai ({role})",
            "path": reverse("lpse:floor"),
            "role": role,
            "app": "lpse",
            "kind": "floor",
            "zero": zero["name"],
        }
        runs += [zero, floor, *members]
    for run in runs:
        run["is_floor"] = run["kind"] != "page"  # a reference run, not judged against a floor
        run["email"] = demo_email(run["role"]) if run["role"] else None
    emails = sorted({run["email"] for run in runs if run["email"]})
    logins = int(os.environ.get("BENCH_USERS", "4")) * int(os.environ.get("BENCH_ROUNDS", "4"))
    per_email = {e: logins * sum(run["email"] == e for run in runs) for e in emails}
    return {
        "login_path": reverse("login"),
        "password": DEMO_PASSWORD,
        "runs": runs,
        "otp_codes": second_factor_codes(per_email),
    }


def second_factor_codes(per_email: dict[str, int]) -> dict[str, list[str]]:
    """One-time recovery codes for each bench account (issue 11: staff sign in with two factors).

    Each locust user signs in as a person would, with a code after the password. TOTP codes
    cannot be shared by four users signing in at the same second (django-otp refuses a
    replayed code), so each login gets a recovery code of its own; the accounts get an
    authenticator too, as the sign-in asks for one first.
    """
    import secrets

    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lpse.models import User

    codes: dict[str, list[str]] = {}
    for email, count in per_email.items():
        user = User.objects.get(email=email)
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        static, _ = StaticDevice.objects.get_or_create(user=user, name="bench")
        static.token_set.all().delete()
        codes[email] = [secrets.token_hex(4) for _ in range(count + 8)]
        StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes[email]])
    return codes


def main() -> None:
    import django

    django.setup()
    json.dump(build_plan(only=os.environ.get("BENCH_ONLY", "")), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
