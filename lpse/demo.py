"""Demo accounts, one per role, used by ``seed_demo``, the browser tests and
the benchmark."""

from . import roles

DEMO_PASSWORD = "demo-lpse-2026"  # noqa: S105 - printed for demo installs only
DEMO_ADMIN_EMAIL = "admin@demo.lpse.id"  # the technical admin (superuser) of a demo install

DEMO_USERS = [
    # (email, nama, role)
    ("kepala@demo.lpse.id", "Drs. Ardi Sembiring", roles.KEPALA_UNIT),
    ("sekretaris@demo.lpse.id", "Rosmawati Ginting, S.E.", roles.SEKRETARIS),
    ("sekretariat@demo.lpse.id", "Maya Br Tarigan", roles.SEKRETARIAT),
    ("kabid.sistem@demo.lpse.id", "Ir. Benny Karo-Karo", roles.KABID_ADMIN_SISTEM),
    ("sistem@demo.lpse.id", "Rizky Perangin-angin, S.Kom.", roles.ADMIN_SISTEM),
    ("kabid.registrasi@demo.lpse.id", "Lina Br Sitepu, S.H.", roles.KABID_REGISTRASI),
    ("verifikator@demo.lpse.id", "Dedi Barus", roles.REGISTRASI),
    ("kabid.layanan@demo.lpse.id", "Hendra Surbakti, S.T.", roles.KABID_LAYANAN),
    ("helpdesk@demo.lpse.id", "Sari Br Purba", roles.LAYANAN),
    ("penyedia@demo.lpse.id", "CV Sinar Karo (Joni Tarigan)", roles.PENYEDIA),
    ("pa@demo.lpse.id", "Kepala Dinas PUPR (demo)", roles.PA_KPA),
    ("ppk@demo.lpse.id", "PPK Dinas Kesehatan (demo)", roles.PPK),
    ("pokja@demo.lpse.id", "Pokja Pemilihan 1 (demo)", roles.POKJA),
    ("auditor@demo.lpse.id", "Auditor Inspektorat (demo)", roles.AUDITOR),
    ("lkpp@demo.lpse.id", "Pemantau LKPP (demo)", roles.LKPP),
]


def demo_email(role: str) -> str:
    return next(email for email, _, r in DEMO_USERS if r == role)


def demo_emails() -> set[str]:
    """Every seeded demo account, the technical admin included."""
    return {email for email, _, _ in DEMO_USERS} | {DEMO_ADMIN_EMAIL}
