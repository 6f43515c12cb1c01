import io

import pytest
from django.core.management import call_command

from sekretariat.models import Kegiatan, Naskah, Pegawai, Risiko

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_fills_the_unit(roles_ready):
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    counts = (Pegawai.objects.count(), Naskah.objects.count(), Kegiatan.objects.count(), Risiko.objects.count())
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    assert counts == (Pegawai.objects.count(), Naskah.objects.count(), Kegiatan.objects.count(), Risiko.objects.count())
    assert counts[0] == 9 and counts[1] == 4


def test_seed_volume_small(roles_ready):
    from sekretariat.seed import seed_volume

    seed_volume(stdout=io.StringIO(), small=True)
    seed_volume(stdout=io.StringIO(), small=True)
    assert Naskah.objects.filter(perihal__startswith="[volume]").count() == 30


def test_seed_volume_times_the_yearly_report_and_keeps_the_counter_ahead(roles_ready):
    from django.utils import timezone

    from sekretariat import services
    from sekretariat.models import LaporanKegiatan
    from sekretariat.seed import seed_volume

    out = io.StringIO()
    seed_volume(stdout=out, small=True)
    assert "laporan tahunan" in out.getvalue() and "query" in out.getvalue()
    year = timezone.localdate().year - 1
    assert (
        LaporanKegiatan.objects.get(periode="tahunan", tahun=year).data["figures"]["sekretariat"]["surat_masuk"] == 30
    )
    import datetime as dt

    n = services.naskah_register(
        naskah=Naskah(
            jenis="masuk",
            tanggal_surat=dt.date(year, 5, 5),
            tanggal_agenda=dt.date(year, 5, 5),
            pengirim="A",
            penerima="B",
            perihal="Setelah volume",
        )
    )
    assert n.urut == 31
