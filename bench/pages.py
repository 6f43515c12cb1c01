"""Which pages the benchmark drives, and as whom.

The platform's pages are listed here; each bidang app may add its own in
``<app>/seed.py`` as ``BENCH_PAGES = [{"name", "path", "role"}]`` with
optional ``p95_ms`` and ``min_ratio`` budget keys; ``role`` None is a public
page requested without logging in. ``path`` may be a zero-arg
callable, evaluated here, after seeding, against the database in use.

Every page is compared with the *floor* (``lpse:floor``: the bare base
template, navigation included) requested by the same user, so the ratio shows
what the page's own work costs. Roles without staff access cannot open the
floor; their pages are compared with the floor of ``FLOOR_FALLBACK_ROLE``.

Run as ``python -m bench.pages`` (Django settings from the environment) to
print the plan as JSON.
"""

import json
import sys

# Issue 2: home and /staf/ at >= 50% of the floor's throughput, p95 < 100 ms at
# 4 concurrent users. Pages that declare no budget of their own get this one.
DEFAULT_P95_MS = 100.0
DEFAULT_MIN_RATIO = 0.5
FLOOR_FALLBACK_ROLE = "Kepala Unit"


class BenchPageError(ValueError):
    """A BENCH_PAGES entry the harness cannot use."""


def platform_pages() -> list[dict]:
    from django.urls import reverse

    from lpse import roles

    # Kepala Unit sees every dashboard panel: the heaviest /staf/ there is.
    return [
        {"name": "Beranda (/)", "path": reverse("lpse:home"), "role": roles.KEPALA_UNIT},
        {"name": "Dasbor staf (/staf/)", "path": reverse("lpse:dashboard"), "role": roles.KEPALA_UNIT},
    ]


def _bench_pages_of(seed) -> list[dict]:
    return list(getattr(seed, "BENCH_PAGES", []))


def normalise(page: dict, app: str) -> dict:
    """One BENCH_PAGES entry with its path evaluated and its budget filled in."""
    from lpse.roles import ALL_ROLES

    missing = {"name", "path", "role"} - set(page)
    if missing:
        raise BenchPageError(f"{app}: BENCH_PAGES entry {page!r} lacks {sorted(missing)}")
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
        "p95_ms": float(page.get("p95_ms", DEFAULT_P95_MS)),
        "min_ratio": float(page.get("min_ratio", DEFAULT_MIN_RATIO)),
        "budget_declared": "p95_ms" in page or "min_ratio" in page,
    }


def collect_pages() -> list[dict]:
    """The platform's pages, then each app's (its registered seed module), in registry order."""
    from lpse import registry

    pages = [normalise(p, "lpse") | {"budget_declared": True} for p in platform_pages()]
    for contribution in registry.contributions():
        pages.extend(normalise(p, contribution.app) for p in _bench_pages_of(contribution.seed))
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


def build_plan() -> dict:
    """Pages grouped by floor role: each group's floor runs right before its pages."""
    from django.urls import reverse

    from lpse.demo import DEMO_PASSWORD, demo_email

    pages = collect_pages()
    groups: dict[str, list[dict]] = {}
    for page in pages:
        page["floor"] = f"Lantai ({floor_role_for(page['role'])})"
        groups.setdefault(floor_role_for(page["role"]), []).append(page)
    runs = []
    for role, members in groups.items():
        runs.append(
            {
                "name": f"Lantai ({role})",
                "path": reverse("lpse:floor"),
                "role": role,
                "app": "lpse",
                "is_floor": True,
            }
        )
        runs.extend(members)
    for run in runs:
        run.setdefault("is_floor", False)
        run["email"] = demo_email(run["role"]) if run["role"] else None
    return {"login_path": reverse("login"), "password": DEMO_PASSWORD, "runs": runs}


def main() -> None:
    import django

    django.setup()
    json.dump(build_plan(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
