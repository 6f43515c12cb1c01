"""Perlengkapan and rumah tangga of the Sekretariat (Pasal 8(4)f), issue 15:
stock as the sum of movements and never negative, loans, staff requests
approved by the Sekretaris, the low-stock reminder and the yearly stock-take
berita acara read back from its PDF."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lpse import roles
from lpse.document_kinds import can_read
from lpse.models import EmailOutbox
from sekretariat import selectors, services, tasks
from sekretariat.models import Barang, MutasiBarang, Pegawai, PermintaanBarang, StokOpname
from tests.sekretariat.factories import PegawaiFactory
from tests.sekretariat.perlengkapan_factories import BarangFactory, stocked

pytestmark = pytest.mark.django_db


@pytest.fixture
def sekretaris(make_user):
    user = make_user(roles.SEKRETARIS, nama_lengkap="Rosmawati Br Ginting", email="sekretaris@lpse.karokab.go.id")
    Pegawai.objects.create(
        nama="Rosmawati Br Ginting, S.E.",
        nip="197811222005012004",
        pangkat="Penata Tingkat I (III/d)",
        jabatan="sekretaris",
        bidang="sekretariat",
        user=user,
    )
    return user


@pytest.fixture
def petugas(make_user):
    return make_user(roles.SEKRETARIAT, nama_lengkap="Dedi Tarigan", email="dedi@lpse.karokab.go.id")


# --- Stock: the sum of movements, never negative ---------------------------------------


def test_pasal_8_4_f_stock_is_the_sum_of_movements(petugas):
    barang = stocked(stok=10, user=petugas)
    services.barang_record_movement(barang=barang, jenis="keluar", jumlah=4, user=petugas)
    services.barang_record_movement(barang=barang, jenis="masuk", jumlah=2, user=petugas)
    assert services.barang_stock(barang=barang) == 8
    assert selectors.barang_with_stock().get(pk=barang.pk).stok == 8
    assert list(barang.mutasi.order_by("id").values_list("jumlah", "saldo")) == [(10, 10), (-4, 6), (2, 8)]


def test_pasal_8_4_f_negative_stock_is_refused_by_the_service_and_the_database(petugas):
    barang = stocked(stok=3, user=petugas)
    with pytest.raises(ValidationError, match="Stok .* tidak mencukupi: tersedia 3 rim, diminta 5 rim"):
        services.barang_record_movement(barang=barang, jenis="keluar", jumlah=5, user=petugas)
    assert services.barang_stock(barang=barang) == 3
    # Past the service, the database still refuses a negative balance.
    with pytest.raises(IntegrityError), transaction.atomic():
        MutasiBarang.objects.create(barang=barang, jenis="keluar", jumlah=-5, saldo=-2)
    with pytest.raises(IntegrityError), transaction.atomic():
        MutasiBarang.objects.create(barang=barang, jenis="keluar", jumlah=5, saldo=8)  # "out" with a plus sign


def test_pasal_8_4_f_taking_out_too_much_on_the_page_is_a_400_in_indonesian(client, petugas):
    barang = stocked(stok=2, user=petugas)
    client.force_login(petugas)
    url = reverse("sekretariat:barang-mutasi", args=[barang.pk])
    response = client.post(url, {"jenis": "keluar", "jumlah": 7, "tanggal": "2026-03-02"})
    assert response.status_code == 400
    assert "tidak mencukupi" in response.content.decode()
    response = client.post(url, {"jenis": "keluar", "jumlah": "-1", "tanggal": "2026-03-02"})
    assert response.status_code == 400 and "Jumlah paling sedikit 1." in response.content.decode()
    response = client.post(url, {"jenis": "dicuri", "jumlah": "1", "tanggal": "kemarin"})
    assert response.status_code == 400 and "Masukkan pilihan yang valid" in response.content.decode()
    assert services.barang_stock(barang=barang) == 2
    response = client.post(url, {"jenis": "keluar", "jumlah": 2, "tanggal": "2026-03-02", "keterangan": "dipakai"})
    assert response.status_code == 302 and services.barang_stock(barang=barang) == 0


def test_pasal_8_4_f_duplicate_item_code_is_a_form_error(client, petugas):
    BarangFactory(kode="ATK-001")
    client.force_login(petugas)
    response = client.post(
        reverse("sekretariat:barang-create"),
        {"kode": "ATK-001", "nama": "Map", "jenis": "habis_pakai", "satuan": "buah", "kondisi": "baik"},
    )
    assert response.status_code == 400
    assert "Kode barang ini sudah dipakai." in response.content.decode()


# --- Who holds what ------------------------------------------------------------------


def test_pasal_8_4_f_equipment_lent_to_a_pegawai_leaves_the_store_until_returned(petugas):
    laptop = stocked(stok=2, jenis="peralatan", nama="Kamera dokumentasi", satuan="unit", user=petugas)
    pegawai = PegawaiFactory(nama="Mega Sitepu")
    pinjam = services.peminjaman_create(barang=laptop, pegawai=pegawai, jumlah=1, user=petugas)
    row = selectors.barang_with_stock().get(pk=laptop.pk)
    assert (row.stok, row.dipinjam) == (1, 1)
    assert [str(p.pegawai) for p in selectors.peminjaman_open()] == ["Mega Sitepu"]
    with pytest.raises(ValidationError, match="tidak mencukupi"):
        services.peminjaman_create(barang=laptop, pegawai=pegawai, jumlah=2, user=petugas)
    services.peminjaman_return(peminjaman=pinjam, user=petugas)
    row = selectors.barang_with_stock().get(pk=laptop.pk)
    assert (row.stok, row.dipinjam) == (2, 0)
    with pytest.raises(ValidationError, match="sudah dikembalikan"):
        services.peminjaman_return(peminjaman=pinjam, user=petugas)
    kertas = stocked(stok=5)
    with pytest.raises(ValidationError, match="Hanya peralatan"):
        services.peminjaman_create(barang=kertas, pegawai=pegawai, jumlah=1, user=petugas)


# --- Requests from staff ---------------------------------------------------------------


def test_pasal_8_4_f_request_cannot_exceed_stock(client, make_user):
    staf = make_user(roles.LAYANAN)
    barang = stocked(stok=3)
    client.force_login(staf)
    response = client.post(
        reverse("sekretariat:permintaan-list"), {"barang": barang.pk, "jumlah": 4, "keperluan": "Pelatihan"}
    )
    assert response.status_code == 400
    assert "Permintaan melebihi stok: tersedia 3 rim." in response.content.decode()
    response = client.post(reverse("sekretariat:permintaan-list"), {"barang": barang.pk, "jumlah": 0, "keperluan": ""})
    assert response.status_code == 400 and "Jumlah paling sedikit 1." in response.content.decode()
    assert not PermintaanBarang.objects.exists()


def test_pasal_8_4_f_sekretaris_approves_a_request_and_the_stock_leaves_the_store(client, make_user, sekretaris):
    staf = make_user(roles.REGISTRASI, email="staf@lpse.karokab.go.id")
    barang = stocked(stok=5)
    client.force_login(staf)
    response = client.post(
        reverse("sekretariat:permintaan-list"), {"barang": barang.pk, "jumlah": 2, "keperluan": "Verifikasi berkas"}
    )
    assert response.status_code == 302
    permintaan = PermintaanBarang.objects.get()
    assert EmailOutbox.objects.filter(penerima__contains=["sekretaris@lpse.karokab.go.id"]).exists()
    # The requester sees only their own requests and no decision buttons.
    page = client.get(reverse("sekretariat:permintaan-list")).content.decode()
    assert "Verifikasi berkas" in page and "Setujui" not in page
    denied = client.post(
        reverse("sekretariat:permintaan-putus", args=[permintaan.pk]), {f"p{permintaan.pk}-keputusan": "setujui"}
    )
    assert denied.status_code == 403

    client.force_login(sekretaris)
    response = client.post(
        reverse("sekretariat:permintaan-putus", args=[permintaan.pk]),
        {f"p{permintaan.pk}-keputusan": "setujui"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and 'data-status="disetujui"' in response.content.decode()
    permintaan.refresh_from_db()
    assert permintaan.status == "disetujui" and permintaan.diputus_oleh == sekretaris
    assert services.barang_stock(barang=barang) == 3
    assert permintaan.mutasi.get().jumlah == -2
    assert EmailOutbox.objects.filter(
        penerima__contains=["staf@lpse.karokab.go.id"], subjek__contains="disetujui"
    ).exists()
    # Decided once: a second decision is refused.
    with pytest.raises(ValidationError, match="sudah diputus"):
        services.permintaan_reject(permintaan=permintaan, user=sekretaris, alasan="Terlambat")


def test_pasal_8_4_f_rejection_needs_a_reason_and_changes_no_stock(client, make_user, sekretaris):
    barang = stocked(stok=5)
    permintaan = services.permintaan_submit(barang=barang, jumlah=1, keperluan="Rapat", user=make_user(roles.LAYANAN))
    client.force_login(sekretaris)
    url = reverse("sekretariat:permintaan-putus", args=[permintaan.pk])
    response = client.post(url, {f"p{permintaan.pk}-keputusan": "tolak"})
    assert response.status_code == 400 and "Tuliskan alasan penolakan." in response.content.decode()
    response = client.post(
        url, {f"p{permintaan.pk}-keputusan": "tolak", f"p{permintaan.pk}-alasan": "Stok untuk ujian"}
    )
    assert response.status_code == 302
    permintaan.refresh_from_db()
    assert (permintaan.status, permintaan.alasan) == ("ditolak", "Stok untuk ujian")
    assert services.barang_stock(barang=barang) == 5
    with pytest.raises(IntegrityError), transaction.atomic():
        PermintaanBarang.objects.filter(pk=permintaan.pk).update(alasan="")


def test_pasal_8_4_f_approval_rechecks_stock_taken_since_the_request(make_user, sekretaris, petugas):
    barang = stocked(stok=3)
    permintaan = services.permintaan_submit(barang=barang, jumlah=3, keperluan="Rapat", user=make_user(roles.LAYANAN))
    services.barang_record_movement(barang=barang, jenis="keluar", jumlah=2, user=petugas)
    with pytest.raises(ValidationError, match="tidak mencukupi"):
        services.permintaan_approve(permintaan=permintaan, user=sekretaris)
    permintaan.refresh_from_db()
    assert permintaan.status == "diajukan" and services.barang_stock(barang=barang) == 1


def test_pasal_8_4_f_approved_equipment_goes_on_the_requester_s_name(make_user, sekretaris):
    staf = make_user(roles.ADMIN_SISTEM)
    pegawai = PegawaiFactory(user=staf, bidang="infrastruktur")
    kursi = stocked(stok=4, jenis="peralatan", nama="Kursi lipat", satuan="buah")
    permintaan = services.permintaan_submit(barang=kursi, jumlah=2, keperluan="Ruang server", user=staf)
    services.permintaan_approve(permintaan=permintaan, user=sekretaris)
    held = selectors.peminjaman_open().get()
    assert (held.pegawai, held.jumlah, held.permintaan) == (pegawai, 2, permintaan)


# --- The low-stock reminder -----------------------------------------------------------


def test_pasal_8_4_f_low_stock_reminder_sends_once_per_item_per_day(sekretaris, petugas, client):
    rendah = stocked(stok=2, stok_minimum=5, nama="Tinta printer")
    stocked(stok=9, stok_minimum=5, nama="Map")
    stocked(stok=0, nama="Amplop")  # no minimum set: no reminder
    mail.outbox.clear()
    with time_machine.travel(dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC), tick=False):
        assert tasks.remind_low_stock.delay().get() == 1
        assert tasks.remind_low_stock.delay().get() == 0  # the same day: the task's daily claim
        assert services.barang_send_low_stock_reminders() == 0  # and the item's own claim
    sent = EmailOutbox.objects.filter(subjek__contains="Tinta printer")
    assert sent.count() == 1
    assert set(sent.get().penerima) == {"sekretaris@lpse.karokab.go.id", "dedi@lpse.karokab.go.id"}
    with time_machine.travel(dt.datetime(2026, 3, 3, 7, 0, tzinfo=dt.UTC), tick=False):
        assert services.barang_send_low_stock_reminders() == 1  # the next day, again
    rendah.refresh_from_db()
    assert rendah.diingatkan == dt.date(2026, 3, 3)
    # The Sekretariat's page lists it.
    client.force_login(petugas)
    page = client.get(reverse("sekretariat:index")).content.decode()
    assert "Stok di bawah minimum" in page and "Tinta printer" in page and "Map</a>" not in page


def test_pasal_8_4_f_low_stock_reminder_is_a_beat_schedule():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="sekretariat.tasks.remind_low_stock")
    assert task.enabled and task.crontab.hour == "7" and str(task.crontab.timezone) == "Asia/Jakarta"


# --- The yearly stock-take ---------------------------------------------------------------


def _pdf_text(dokumen) -> list[str]:
    with dokumen.pdf.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def test_pasal_8_4_f_stock_take_differences_become_adjustments_and_a_numbered_berita_acara(
    client, petugas, sekretaris, make_user, django_capture_on_commit_callbacks
):
    kertas = stocked(stok=10, nama="Kertas HVS A4 70 gram", kode="ATK-001")
    tinta = stocked(stok=4, nama="Tinta printer hitam", kode="ATK-002", satuan="botol")
    client.force_login(petugas)
    response = client.post(reverse("sekretariat:stok-opname-list"), {"tahun": 2026, "tanggal": "2026-12-20"})
    so = StokOpname.objects.get()
    assert response.status_code == 302 and so.items.count() == 2
    lines = {i.barang_id: i for i in so.items.all()}
    response = client.post(
        so.get_absolute_url(),
        {
            f"dihitung-{lines[kertas.pk].pk}": "8",
            f"keterangan-{lines[kertas.pk].pk}": "dua rim basah",
            f"dihitung-{lines[tinta.pk].pk}": "5",
        },
    )
    assert response.status_code == 302
    bad = client.post(so.get_absolute_url(), {f"dihitung-{lines[kertas.pk].pk}": "-3"})
    assert bad.status_code == 400 and "tidak boleh negatif" in bad.content.decode()
    # A second stock-take of the same year: a form error.
    again = client.post(reverse("sekretariat:stok-opname-list"), {"tahun": 2026, "tanggal": "2026-12-21"})
    assert again.status_code == 400 and "Inventarisasi tahun ini sudah dibuat." in again.content.decode()
    # Only the Sekretaris closes it.
    assert client.post(reverse("sekretariat:stok-opname-selesai", args=[so.pk])).status_code == 403

    client.force_login(sekretaris)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sekretariat:stok-opname-selesai", args=[so.pk]))
    assert response.status_code == 302
    so.refresh_from_db()
    assert so.status == "selesai"
    assert services.barang_stock(barang=kertas) == 8 and services.barang_stock(barang=tinta) == 5
    adjustments = {m.barang_id: m.jumlah for m in so.mutasi.all()}
    assert adjustments == {kertas.pk: -2, tinta.pk: 1}

    dokumen = so.dokumen
    assert dokumen.kode == "BA-INV" and dokumen.nomor
    pages = _pdf_text(dokumen)
    text = " ".join(pages)
    assert dokumen.nomor in text and "BERITA ACARA INVENTARISASI PERLENGKAPAN" in text
    assert "ATK-001 Kertas HVS A4 70 gram rim 10 8 -2 dua rim basah" in text
    assert "ATK-002 Tinta printer hitam botol 4 5 +1" in text
    assert "Rosmawati Br Ginting, S.E." in text and "NIP 19781122 200501 2 004" in text
    assert list(dokumen.tanda_tangan.values_list("peran", flat=True)) == [
        "Petugas inventarisasi",
        "Sekretaris Unit LPSE",
    ]
    # Readers: the Sekretariat, the Sekretaris and the Kepala Unit; not another bidang.
    assert can_read(petugas, "BA-INV") and can_read(sekretaris, "BA-INV")
    assert not can_read(make_user(roles.LAYANAN), "BA-INV")
    # Closed: it cannot be counted or closed again.
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.stok_opname_finish(stok_opname=so, user=sekretaris)
    assert client.post(so.get_absolute_url(), {f"dihitung-{lines[kertas.pk].pk}": "1"}).status_code == 400


@pytest.mark.parametrize("n_items", [18, 30, 42])
def test_pasal_8_4_f_signature_block_never_sits_alone_on_the_last_page(
    n_items, sekretaris, petugas, django_capture_on_commit_callbacks
):
    for i in range(n_items):
        stocked(stok=3, nama=f"Barang rumah tangga nomor {i}", kode=f"RT-{i:03d}")
    so = services.stok_opname_start(tahun=2026, user=petugas)
    with django_capture_on_commit_callbacks(execute=True):
        services.stok_opname_finish(stok_opname=so, user=sekretaris)
    so.refresh_from_db()
    pages = _pdf_text(so.dokumen)
    with_block = [p for p in pages if "NIP 19781122 200501 2 004" in p]
    assert with_block, pages
    for page in with_block:
        assert "Demikian berita acara ini dibuat" in page, page


# --- List page: filters, export, queries ------------------------------------------------


def test_pasal_8_4_f_list_filters_and_exports_the_same_rows(client, petugas):
    stocked(stok=1, stok_minimum=3, nama="Tinta", kode="ATK-010")
    stocked(stok=5, nama='=HYPERLINK("x")', kode="RT-001", jenis="peralatan", lokasi="Ruang rapat")
    client.force_login(petugas)
    page = client.get(reverse("sekretariat:barang-list"), {"stok": "rendah"}).content.decode()
    assert "Tinta" in page and "HYPERLINK" not in page
    fragment = client.get(reverse("sekretariat:barang-list"), {"jenis": "peralatan"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "HYPERLINK" in fragment.content.decode()
    csv_text = client.get(reverse("sekretariat:barang-ekspor"), {"format": "csv", "lokasi": "rapat"}).content.decode()
    assert csv_text.startswith("\ufeffkode,nama,jenis")
    assert "'=HYPERLINK" in csv_text and "Tinta" not in csv_text
    xlsx = client.get(reverse("sekretariat:barang-ekspor"), {"format": "xlsx"})
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "kode" and {r[0] for r in rows[1:]} == {"ATK-010", "RT-001"}


def test_pasal_8_4_f_list_page_query_count_does_not_grow_with_items(client, petugas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(petugas)
    counts = []
    for n in (3, 30):
        for i in range(n):
            stocked(stok=2, stok_minimum=1, kode=f"Q{n}-{i}")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("sekretariat:barang-list")).status_code == 200
        counts.append(len(ctx))
        for url in (reverse("sekretariat:permintaan-list"), reverse("sekretariat:peminjaman-list")):
            assert client.get(url).status_code == 200
    # session, user, the count of the page, the page of items with their stock (subqueries), the messages…
    assert counts[0] == counts[1], counts


def test_pasal_8_4_f_other_pages_query_count_does_not_grow(client, petugas, sekretaris, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staf = make_user(roles.LAYANAN)
    pegawai = PegawaiFactory()
    counts = {}
    for n in (2, 20):
        for i in range(n):
            b = stocked(stok=3, kode=f"P{n}-{i}", jenis="peralatan")
            services.peminjaman_create(barang=b, pegawai=pegawai, jumlah=1, user=petugas)
            services.permintaan_submit(barang=b, jumlah=1, keperluan="Uji", user=staf)
        client.force_login(sekretaris)
        for name in ("sekretariat:permintaan-list", "sekretariat:peminjaman-list", "sekretariat:index"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse(name)).status_code == 200
            counts.setdefault(name, []).append(len(ctx))
    assert all(a == b for a, b in counts.values()), counts


def test_pasal_8_4_f_outsiders_and_other_bidang_cannot_reach_the_register(client, make_user):
    barang = stocked(stok=1)
    client.force_login(make_user(roles.LAYANAN))
    assert client.get(reverse("sekretariat:barang-detail", args=[barang.pk])).status_code == 403
    client.force_login(make_user(roles.PENYEDIA))
    assert client.get(reverse("sekretariat:permintaan-list")).status_code == 403
    assert Barang.objects.count() == 1


def test_pasal_8_4_f_demo_seed_shows_items_requests_and_a_holder(roles_ready):
    from django.core.management import call_command

    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    counts = (Barang.objects.count(), MutasiBarang.objects.count(), PermintaanBarang.objects.count())
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    assert counts == (Barang.objects.count(), MutasiBarang.objects.count(), PermintaanBarang.objects.count())
    assert counts[0] >= 5 and counts[2] == 3
    assert selectors.barang_below_minimum().filter(kode="ATK-002").exists()
    assert selectors.peminjaman_open().exists()
    assert set(PermintaanBarang.objects.values_list("status", flat=True)) == {"diajukan", "disetujui", "ditolak"}


def test_pasal_8_4_f_requests_movements_and_stock_take_feed_the_yearly_report(make_user, sekretaris, petugas):
    from sekretariat.report import LABELS

    barang = stocked(stok=6)
    staf = make_user(roles.LAYANAN)
    services.permintaan_approve(
        permintaan=services.permintaan_submit(barang=barang, jumlah=2, keperluan="A", user=staf), user=sekretaris
    )
    services.permintaan_reject(
        permintaan=services.permintaan_submit(barang=barang, jumlah=1, keperluan="B", user=staf),
        user=sekretaris,
        alasan="Tidak perlu",
    )
    today = timezone.localdate()
    figures = selectors.sekretariat_figures(start=today.replace(month=1, day=1), end=today.replace(month=12, day=31))
    assert figures["permintaan_barang"] == 2
    assert figures["permintaan_barang_disetujui"] == 1 and figures["permintaan_barang_ditolak"] == 1
    assert figures["mutasi_barang_masuk"] == 1 and figures["mutasi_barang_keluar"] == 1
    assert figures["inventarisasi_perlengkapan"] == 0
    assert all(key in LABELS["sekretariat"] for key in selectors.perlengkapan_figures(start=today, end=today))
