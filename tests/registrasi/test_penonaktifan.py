"""Deactivation of a vendor's User ID (Perbup Karo 02/2017 Pasal 10 ayat 5)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lpse import roles
from registrasi import services
from registrasi.models import Penonaktifan

from .factories import make_pendaftaran, pdf_bytes

pytestmark = pytest.mark.django_db


def _vendor(**kw):
    return make_pendaftaran(status="disetujui", user_id_spse=kw.pop("user_id_spse", "cvhitam"), **kw)


def _request_data(user_id="cvhitam", **overrides):
    data = {
        "user_id_spse": user_id,
        "nomor_surat": "027/88/PPK-PUPR/2026",
        "tanggal_surat": timezone.localdate().isoformat(),
        "lama_sanksi": "2 tahun",
        "alasan": "Penyedia masuk daftar hitam karena wanprestasi.",
        "bukti": SimpleUploadedFile("sk-daftar-hitam.pdf", pdf_bytes()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("role", [roles.PA_KPA, roles.PPK, roles.POKJA])
def test_pasal_10_5_pa_kpa_ppk_and_ulp_can_ask_with_their_sk(client_as, role):
    vendor = _vendor()
    client = client_as(role)
    response = client.post(reverse("registrasi:penonaktifan-ajukan"), _request_data())
    assert response.status_code == 302
    item = Penonaktifan.objects.get()
    assert (item.pendaftaran, item.sumber, item.status, item.diajukan_oleh) == (
        vendor,
        "permintaan",
        "diajukan",
        client.user,
    )
    assert item.bukti_nama == "sk-daftar-hitam.pdf"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"user_id": "tidak-ada"}, "user_id_spse"),
        ({"bukti": None}, "bukti"),
        ({"bukti": SimpleUploadedFile("sk.pdf", b"MZ" + b"\x00" * 64)}, "bukti"),
        ({"tanggal_surat": (timezone.localdate() + timedelta(days=5)).isoformat()}, "tanggal_surat"),
        ({"nomor_surat": ""}, "nomor_surat"),
    ],
    ids=["user-id-tak-dikenal", "tanpa-bukti", "bukti-exe", "tanggal-masa-depan", "tanpa-nomor"],
)
def test_bad_deactivation_request_is_a_form_error(client_as, overrides, field):
    _vendor()
    client = client_as(roles.PPK)
    user_id = overrides.pop("user_id", "cvhitam")
    response = client.post(reverse("registrasi:penonaktifan-ajukan"), _request_data(user_id, **overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Penonaktifan.objects.exists()


def test_second_open_request_for_one_user_id_is_refused(client_as):
    _vendor()
    client = client_as(roles.PPK)
    client.post(reverse("registrasi:penonaktifan-ajukan"), _request_data())
    response = client.post(reverse("registrasi:penonaktifan-ajukan"), _request_data())
    assert response.status_code == 400
    assert "menunggu keputusan" in response.content.decode()
    assert Penonaktifan.objects.count() == 1


def test_staff_decide_record_lkpp_and_dates_then_reactivate_and_vendor_is_told(
    client_as, make_user, django_capture_on_commit_callbacks
):
    vendor = _vendor()
    ppk = make_user(roles.PPK)
    item = services.penonaktifan_submit(
        pendaftaran=vendor,
        user=ppk,
        jenis="nonaktif",
        sumber="permintaan",
        data={"nomor_surat": "1/SK", "tanggal_surat": timezone.localdate(), "lama_sanksi": "1 tahun", "alasan": "x"},
        bukti=(SimpleUploadedFile("sk.pdf", pdf_bytes()), "pdf"),
    )
    client = client_as(roles.REGISTRASI)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registrasi:penonaktifan-putuskan", args=[item.pk]),
            {
                "hasil": "setuju",
                "catatan": "Sesuai SK",
                "nomor_usulan_lkpp": "027/LPSE/2026",
                "tindakan_lkpp": "User ID dinonaktifkan LKPP",
                "berlaku_mulai": today.isoformat(),
                "berlaku_sampai": (today + timedelta(days=365)).isoformat(),
            },
        )
    assert response.status_code == 302
    item.refresh_from_db()
    vendor.refresh_from_db()
    assert item.status == "disetujui" and item.tindakan_lkpp == "User ID dinonaktifkan LKPP"
    assert vendor.user_id_nonaktif
    assert mail.outbox[-1].to == [vendor.email] and "Penonaktifan" in mail.outbox[-1].subject
    # Reactivation follows the same path; the vendor's page shows the whole history.
    again = services.penonaktifan_submit(
        pendaftaran=vendor,
        user=client.user,
        jenis="aktif_kembali",
        sumber="pelanggaran",
        data={"nomor_surat": "2/SK", "tanggal_surat": today, "lama_sanksi": "", "alasan": "Masa sanksi selesai"},
        bukti=None,
    )
    services.penonaktifan_decide(penonaktifan=again, staff=client.user, setuju=True, catatan="", berlaku_mulai=today)
    vendor.refresh_from_db()
    assert not vendor.user_id_nonaktif
    page = client.get(reverse("registrasi:detail", args=[vendor.pk])).content.decode()
    assert page.count("Pengaktifan kembali User ID") >= 1 and "Penonaktifan User ID" in page
    status_page = client.get(reverse("registrasi:status", args=[vendor.token])).content.decode()
    assert 'data-section="penonaktifan"' in status_page
    vendor_user = make_user(roles.PENYEDIA)
    vendor.akun = vendor_user
    vendor.save(update_fields=["akun"])
    client.force_login(vendor_user)
    own_page = client.get(reverse("registrasi:layanan-akun")).content.decode()
    assert own_page.count("Penonaktifan User ID") == 1 and "Pengaktifan kembali User ID" in own_page


def test_decision_needs_an_effective_date_not_in_the_future(make_user):
    vendor = _vendor()
    staff = make_user(roles.REGISTRASI)
    item = services.penonaktifan_submit(
        pendaftaran=vendor,
        user=staff,
        jenis="nonaktif",
        sumber="pelanggaran",
        data={"nomor_surat": "3/BA", "tanggal_surat": timezone.localdate(), "lama_sanksi": "", "alasan": "y"},
        bukti=None,
    )
    with pytest.raises(ValidationError):
        services.penonaktifan_decide(penonaktifan=item, staff=staff, setuju=True, catatan="")
    with pytest.raises(ValidationError):
        services.penonaktifan_decide(
            penonaktifan=item,
            staff=staff,
            setuju=True,
            catatan="",
            berlaku_mulai=timezone.localdate() + timedelta(days=3),
        )
    services.penonaktifan_decide(penonaktifan=item, staff=staff, setuju=False, catatan="Bukti kurang")
    vendor.refresh_from_db()
    assert not vendor.user_id_nonaktif
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.penonaktifan_decide(penonaktifan=item, staff=staff, setuju=False, catatan="")


def test_only_approved_vendors_can_be_deactivated(make_user):
    with pytest.raises(ValidationError):
        services.penonaktifan_submit(
            pendaftaran=make_pendaftaran(),
            user=make_user(roles.PPK),
            jenis="nonaktif",
            sumber="pelanggaran",
            data={"nomor_surat": "1", "tanggal_surat": timezone.localdate(), "lama_sanksi": "", "alasan": "z"},
            bukti=None,
        )


def test_penonaktifan_list_query_count_does_not_grow(client_as, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(roles.REGISTRASI)
    requester = make_user(roles.PPK)

    def count(n):
        for i in range(n):
            v = _vendor(user_id_spse=f"v{n}-{i}")
            Penonaktifan.objects.create(
                pendaftaran=v,
                sumber="pelanggaran",
                diajukan_oleh=requester,
                nomor_surat="1",
                tanggal_surat=timezone.localdate(),
                alasan="a",
            )
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("registrasi:penonaktifan-list"))
        return len(ctx)

    client.get(reverse("registrasi:penonaktifan-list"))
    assert count(3) == count(30)


def test_dashboard_panel_counts_requests_to_decide(client_as, make_user):
    vendor = _vendor()
    Penonaktifan.objects.create(
        pendaftaran=vendor,
        sumber="pelanggaran",
        diajukan_oleh=make_user(roles.PPK),
        nomor_surat="1",
        tanggal_surat=timezone.localdate(),
        alasan="a",
    )
    html = client_as(roles.KABID_REGISTRASI).get(reverse("lpse:dashboard")).content.decode()
    assert 'data-count="penonaktifan">1<' in html


def test_penonaktifan_detail_query_count_does_not_grow_with_history(client_as, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(roles.REGISTRASI)
    requester = make_user(roles.PPK)

    def page_queries(n):
        vendor = _vendor(user_id_spse=f"riwayat{n}")
        items = [
            Penonaktifan.objects.create(
                pendaftaran=vendor,
                sumber="pelanggaran",
                diajukan_oleh=requester,
                nomor_surat=str(i),
                tanggal_surat=timezone.localdate(),
                alasan="a",
                status="ditolak",
                diputuskan_oleh=requester,
            )
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("registrasi:penonaktifan-detail", args=[items[0].pk]))
        return len(ctx)

    page_queries(1)
    assert page_queries(3) == page_queries(30)
