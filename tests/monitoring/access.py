"""Role × URL rows of server monitoring (Pasal 17); the paths are those of before the split."""

from lpse import roles
from tests.access import PUBLIC, Url
from tests.infrastruktur.access import ALLOWED
from tests.infrastruktur.factories import AsetFactory, LaporanFactory, PemeriksaanFactory

# Pasal 17(6): LKPP sees the monitoring views, read-only, and nothing else.
MONITORING = {r for r in roles.ALL_ROLES if "lpse.akses_monitoring" in roles.all_role_permissions()[r]}
assert roles.LKPP in MONITORING and roles.LKPP not in ALLOWED


def _aset():
    return {"pk": AsetFactory().pk}


def _token():
    from monitoring.services.metrik import token_create

    token, _ = token_create(aset=AsetFactory())
    return {"pk": token.pk}


def _rekomendasi():
    from monitoring.models import RekomendasiUpgrade

    rec = RekomendasiUpgrade.objects.create(
        aset=AsetFactory(), sumber="cpu", seri="cpu.pct", dasar="ambang", alasan="CPU tinggi", nilai=95
    )
    return {"pk": rec.pk}


ACCESS = [
    Url("monitoring:token-create", ALLOWED, kwargs=_aset, method="post"),
    Url("monitoring:token-revoke", ALLOWED, kwargs=_token, method="post", ok=302),
    Url("monitoring:pemeriksaan-create", ALLOWED, kwargs=_aset),
    Url("monitoring:pemeriksaan-edit", ALLOWED, kwargs=lambda: {"pk": PemeriksaanFactory().pk}),
    Url("monitoring:laporan-list", ALLOWED),
    # No PDF rendered for this row: staff get the Indonesian 404.
    Url("monitoring:laporan-unduh", ALLOWED, kwargs=lambda: {"pk": LaporanFactory().pk}, ok=404),
    Url("monitoring:overview", MONITORING),
    Url("monitoring:uptime", MONITORING),
    Url("monitoring:aset", MONITORING, kwargs=_aset),
    Url("monitoring:data", MONITORING, kwargs=_aset),
    # Pasal 17(5): upgrade planning, for the bidang's staff only (not LKPP).
    Url("monitoring:rekomendasi-list", ALLOWED),
    Url("monitoring:rekomendasi-detail", ALLOWED, kwargs=_rekomendasi),
    Url(
        "monitoring:rekomendasi-aksi",
        ALLOWED,
        kwargs=lambda: {**_rekomendasi(), "aksi": "terima"},
        method="post",
        ok=302,
    ),
    Url(
        "monitoring:rekomendasi-usulan",
        ALLOWED,
        kwargs=_rekomendasi,
        method="post",
        data={"tahun": "2027", "biaya": "1000000"},
        ok=400,  # a new recommendation must be accepted first: the form says so
    ),
    # Agents authenticate with their token, not a session: without one, 401 for everybody.
    Url("monitoring:api-metrik", PUBLIC, method="post", ok=401),
]
