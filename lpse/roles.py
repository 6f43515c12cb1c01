"""The roles of the portal, as Django groups (Pasal 5 and 6 for the unit itself).

Each person gets one group per role; a head of a bidang has the bidang's group
*and* its Kepala Bidang group. Permissions are granted to groups by data
migrations (``lpse/migrations/0002_roles.py`` and each app's own), so that an
install has the same roles everywhere.
"""

from django.core.exceptions import ValidationError

# --- The unit (Pasal 5(1)) ---
KEPALA_UNIT = "Kepala Unit"
SEKRETARIS = "Sekretaris"
SEKRETARIAT = "Sekretariat"
KABID_ADMIN_SISTEM = "Kepala Bidang Administrasi Sistem Elektronik"
ADMIN_SISTEM = "Bidang Administrasi Sistem Elektronik"
KABID_REGISTRASI = "Kepala Bidang Registrasi dan Verifikasi"
REGISTRASI = "Bidang Registrasi dan Verifikasi"
KABID_LAYANAN = "Kepala Bidang Layanan dan Dukungan"
LAYANAN = "Bidang Layanan dan Dukungan"

# --- Users outside the unit ---
PENYEDIA = "Penyedia"
PA_KPA = "PA/KPA"
PPK = "PPK"
POKJA = "Pokja ULP/Pejabat Pengadaan"
AUDITOR = "Auditor"
LKPP = "LKPP"  # read-only monitoring access, Pasal 17(6)

STAFF_ROLES = (
    KEPALA_UNIT,
    SEKRETARIS,
    SEKRETARIAT,
    KABID_ADMIN_SISTEM,
    ADMIN_SISTEM,
    KABID_REGISTRASI,
    REGISTRASI,
    KABID_LAYANAN,
    LAYANAN,
)
OUTSIDE_ROLES = (PENYEDIA, PA_KPA, PPK, POKJA, AUDITOR, LKPP)
ALL_ROLES = STAFF_ROLES + OUTSIDE_ROLES

# Pasal 19(3): "Pegawai Unit LPSE dilarang merangkap menjadi PPK/ULP/Pejabat Pengadaan."
ROLES_FORBIDDEN_TO_STAFF = frozenset({PPK, POKJA})

# Which bidang each staff role works in; the dashboard and navigation use it.
BIDANG_OF_ROLE = {
    SEKRETARIS: "sekretariat",
    SEKRETARIAT: "sekretariat",
    KABID_ADMIN_SISTEM: "infrastruktur",
    ADMIN_SISTEM: "infrastruktur",
    KABID_REGISTRASI: "registrasi",
    REGISTRASI: "registrasi",
    KABID_LAYANAN: "layanan",
    LAYANAN: "layanan",
}


def check_role_combination(role_names) -> None:
    """Raise ValidationError when the roles break Pasal 19(3).

    LPSE staff may not at the same time be PPK or Pokja ULP/Pejabat Pengadaan.
    Every place that gives roles (forms, admin, services, the m2m signal)
    calls this.
    """
    names = set(role_names)
    staff = names & set(STAFF_ROLES)
    forbidden = names & ROLES_FORBIDDEN_TO_STAFF
    if staff and forbidden:
        raise ValidationError(
            "Pegawai Unit LPSE dilarang merangkap menjadi PPK/ULP/Pejabat Pengadaan "
            "(Perbup Karo 02/2017 Pasal 19 ayat 3): peran %(staf)s tidak boleh digabung dengan %(larang)s.",
            code="pasal_19_3",
            params={"staf": ", ".join(sorted(staff)), "larang": ", ".join(sorted(forbidden))},
        )


# Permissions each role holds, "app_label.codename". Portal-wide access
# permissions live on lpse.AksesPortal (a table-less model); model permissions are
# Django's own. Apps extend this map in their own data migrations.
_STAFF_COMMON = [
    "lpse.akses_staf",
    "lpse.view_pengumuman",
    "lpse.add_pengumuman",
    "lpse.change_pengumuman",
    "lpse.view_dokumen",
    "lpse.view_instansi",
]
ROLE_PERMISSIONS = {
    KEPALA_UNIT: _STAFF_COMMON
    + [
        "lpse.akses_sekretariat",
        "lpse.akses_infrastruktur",
        "lpse.akses_registrasi",
        "lpse.akses_layanan",
        "lpse.akses_monitoring",
        "lpse.delete_pengumuman",
        "lpse.add_instansi",
        "lpse.change_instansi",
        # "Pengguna & peran" (/staf/pengguna/): the head runs the unit day to day (Pasal 7(2)a)
        # and so gives its people their roles.
        "lpse.view_user",
        "lpse.change_user",
    ],
    SEKRETARIS: _STAFF_COMMON
    + ["lpse.akses_sekretariat", "lpse.delete_pengumuman", "lpse.add_instansi", "lpse.change_instansi"],
    SEKRETARIAT: _STAFF_COMMON + ["lpse.akses_sekretariat", "lpse.delete_pengumuman", "lpse.add_instansi"],
    KABID_ADMIN_SISTEM: _STAFF_COMMON + ["lpse.akses_infrastruktur", "lpse.akses_monitoring"],
    ADMIN_SISTEM: _STAFF_COMMON + ["lpse.akses_infrastruktur", "lpse.akses_monitoring"],
    KABID_REGISTRASI: _STAFF_COMMON + ["lpse.akses_registrasi", "lpse.add_instansi"],
    REGISTRASI: _STAFF_COMMON + ["lpse.akses_registrasi"],
    KABID_LAYANAN: _STAFF_COMMON + ["lpse.akses_layanan"],
    LAYANAN: _STAFF_COMMON + ["lpse.akses_layanan"],
    PENYEDIA: [],
    PA_KPA: [],
    PPK: [],
    POKJA: [],
    AUDITOR: [],
    LKPP: ["lpse.akses_monitoring"],
}


def grant(apps, role_permissions: dict[str, list[str]]) -> None:
    """Create groups and give them permissions; for use inside data migrations.

    Permission rows are created here if the post_migrate signal has not made
    them yet (it runs only after all migrations).
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for role, perms in role_permissions.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in perms:
            # "app.codename", or "app.model.codename" to name the model outright.
            parts = dotted.split(".")
            app_label, codename = parts[0], parts[-1]
            model = parts[1] if len(parts) == 3 else _model_for_codename(apps, app_label, codename)
            ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            perm, _ = Permission.objects.get_or_create(
                content_type=ct, codename=codename, defaults={"name": codename.replace("_", " ")}
            )
            group.permissions.add(perm)


def _model_for_codename(apps, app_label: str, codename: str) -> str:
    """The model a permission belongs to: ``view_pengumuman`` → ``pengumuman``.

    A custom permission (no add/change/delete/view prefix) belongs to the model
    of ``app_label`` that declares it in ``Meta.permissions`` (the app's
    table-less ``Akses…`` model). The model is looked up in ``apps`` — the
    migration's historical state — so a model renamed by a later migration
    still gets its permissions under the name it has at that point.
    """
    action, _, rest = codename.partition("_")
    if action in {"add", "change", "delete", "view"} and rest:
        return rest
    for model in apps.get_app_config(app_label).get_models():
        if any(name == codename for name, _ in model._meta.permissions):
            return model._meta.model_name
    raise LookupError(f"Tidak ada model di {app_label} yang mendeklarasikan izin {codename}.")


def all_role_permissions() -> dict[str, list[str]]:
    """The platform's map merged with what each app registered (its ``<app>/roles.py``)."""
    from . import registry

    merged = {role: list(perms) for role, perms in ROLE_PERMISSIONS.items()}
    for contribution in registry.contributions():
        for role, perms in contribution.role_permissions.items():
            merged.setdefault(role, []).extend(perms)
    return merged
