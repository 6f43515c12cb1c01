"""Bad input gets a clear Indonesian answer and a 4xx, never a 500."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from lpse import roles
from tests.sekretariat.factories import KegiatanFactory, PegawaiFactory, RisikoFactory

pytestmark = pytest.mark.django_db


def test_bad_requests_answer_4xx(client_as, client):
    staff = client_as(roles.KEPALA_UNIT)
    p = PegawaiFactory()
    get = [
        (reverse("sekretariat:pegawai-detail", args=[999999]), 404),
        (reverse("sekretariat:berkas", args=["rahasia", 1]), 404),
        (reverse("sekretariat:berkas", args=["sk", 999999]), 404),
        (reverse("sekretariat:naskah-create", args=["memo"]), 404),
        (reverse("sekretariat:pegawai-list") + "?halaman=abc&aktif=xyz", 200),
        (reverse("sekretariat:naskah-list") + "?tahun=dua&halaman=-1", 200),
        (reverse("sekretariat:kegiatan-list") + "?tahun=abc&bidang=xyz", 200),
        (reverse("sekretariat:honorarium-list") + "?bulan=2026-13", 200),
        (reverse("sekretariat:statistik") + "?mulai=kemarin", 400),
        (reverse("sekretariat:statistik") + "?mulai=2020-01-01&selesai=2026-01-01", 400),
        (reverse("sekretariat:statistik-ekspor") + "?format=pdf", 400),
        (reverse("sekretariat:sop") + "?selesai=bukan-tanggal", 400),
        (reverse("sekretariat:laporan-detail", args=[999999]), 404),
    ]
    for url, status in get:
        assert staff.get(url).status_code == status, url
    assert client.get(reverse("sekretariat:statistik-publik") + "?tahun=abc").status_code == 200
    post = [
        (reverse("sekretariat:honorarium-create", args=[p.pk]), {"periode": "2026-03-01", "jumlah": "-5"}),
        (
            reverse("sekretariat:kegiatan-create"),
            {
                "tahun": 2026,
                "bidang": "sekretariat",
                "nama": "A",
                "indikator": "B",
                "satuan": "x",
                "target": 0,
                "jadwal_mulai": "2025-01-01",
                "jadwal_selesai": "2026-01-01",
                "pagu": 0,
                "realisasi_anggaran": 0,
            },
        ),
        (reverse("sekretariat:kegiatan-edit", args=[KegiatanFactory().pk]), {"tahun": "x"}),
        (reverse("sekretariat:laporan-create"), {"periode": "mingguan", "tahun": "x"}),
        (reverse("sekretariat:laporan-create"), {"periode": "triwulan", "tahun": 2026, "nomor": 7}),
        (reverse("sekretariat:risiko-edit", args=[RisikoFactory().pk]), {"nilai_dampak": "empat"}),
        (reverse("sekretariat:format-agenda"), {"masuk": "{tahun}", "keluar": "{seq}/{x}", "telaahan": "{seq"}),
        (reverse("sekretariat:sk-create"), {"nomor": "1", "tanggal": "2026-05-01", "berlaku_sampai": "2026-01-01"}),
        (
            reverse("sekretariat:penugasan-luar-create"),
            {"nama": "X", "peran": "ppk", "nomor_sk": "1", "tanggal_sk": "2026-01-01"},
        ),
        (
            reverse("sekretariat:pelatihan-create", args=[p.pk]),
            {"nama": "X", "mulai": "2026-02-01", "selesai": "2026-01-01", "jam_pelajaran": 1},
        ),
    ]
    for url, data in post:
        response = staff.post(url, data)
        assert response.status_code == 400, url
        html = response.content.decode()
        # Every message of the bound form is shown on the page (field errors and non-field errors alike).
        messages = [m for errors in response.context["form"].errors.values() for m in errors]
        assert messages, url
        assert all(escape(m) in html for m in messages), (url, messages)
