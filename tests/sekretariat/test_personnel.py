import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from lpse import roles
from sekretariat import selectors, services
from sekretariat.models import Pegawai
from tests.sekretariat.factories import PegawaiFactory, PenugasanLuarFactory, SuratKeputusanFactory, nip_for

pytestmark = pytest.mark.django_db


def _new(**kw):
    data = {
        "nama": "Calon Pegawai",
        "status": "pns",
        "nip": "198001012005011001",
        "jabatan": "anggota",
        "bidang": "registrasi",
    }
    data.update(kw)
    return Pegawai(**data)


def test_pasal_19_3_person_named_ppk_in_another_sk_cannot_be_appointed():
    PenugasanLuarFactory(nip="198001012005011001", peran="ppk", nomor_sk="027/9/PUPR/2026")
    with pytest.raises(ValidationError) as exc:
        services.pegawai_save(pegawai=_new())
    assert "Pasal 19 ayat 3" in exc.value.messages[0]
    assert "027/9/PUPR/2026" in exc.value.messages[0]
    assert not Pegawai.objects.exists()


def test_pasal_19_3_ended_external_assignment_does_not_block_appointment():
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)):
        PenugasanLuarFactory(nip="198001012005011001", berlaku_sampai=dt.date(2026, 6, 30))
        services.pegawai_save(pegawai=_new())
    assert Pegawai.objects.count() == 1


def test_pasal_19_3_match_by_nik_for_non_pns():
    PenugasanLuarFactory(nip="", nik="1206010101800001", peran="pejabat_pengadaan")
    with pytest.raises(ValidationError):
        services.pegawai_save(pegawai=_new(status="non_pns", nip="", nik="1206010101800001"))


def test_pasal_19_3_portal_account_with_pokja_role_cannot_be_linked(make_user):
    pokja = make_user(roles.POKJA)
    with pytest.raises(ValidationError) as exc:
        services.pegawai_save(pegawai=_new(user=pokja))
    assert "Pasal 19" in " ".join(exc.value.messages)


def test_pasal_19_3_inactive_record_of_a_conflicted_person_may_be_kept():
    PenugasanLuarFactory(nip="198001012005011001")
    services.pegawai_save(pegawai=_new(aktif=False))
    assert Pegawai.objects.filter(aktif=False).count() == 1


def test_pasal_19_3_staff_list_flags_a_conflict_recorded_after_appointment(client_as):
    ok = PegawaiFactory(nama="Tanpa Konflik")
    bad = PegawaiFactory(nama="Rangkap PPK")
    PenugasanLuarFactory(nip=bad.nip)
    rows = {p.nama: p for p in selectors.pegawai_list()}
    assert rows["Rangkap PPK"].konflik_sk and not rows["Tanpa Konflik"].konflik_sk
    client = client_as(roles.SEKRETARIS)
    html = client.get(reverse("sekretariat:pegawai-list")).content.decode()
    assert html.count("data-konflik") == 1
    detail = client.get(reverse("sekretariat:pegawai-detail", args=[bad.pk])).content.decode()
    assert "Konflik Pasal 19 ayat 3" in detail
    assert ok.pk


def test_pasal_6_only_one_active_kepala_unit():
    services.pegawai_save(pegawai=_new(jabatan="kepala_unit", bidang=""))
    with pytest.raises(ValidationError) as exc:
        services.pegawai_save(pegawai=_new(nip="198001012005011002", jabatan="kepala_unit", bidang=""))
    assert "Pasal 6" in " ".join(exc.value.messages)


def test_organisation_chart_shows_current_appointments_only():
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)):
        expired = SuratKeputusanFactory(berlaku_sampai=dt.date(2026, 1, 31))
        PegawaiFactory(nama="Kepala Sekarang", jabatan="kepala_unit", bidang="")
        PegawaiFactory(nama="Kabid Lama", jabatan="kepala_bidang", bidang="layanan", sk=expired)
        PegawaiFactory(nama="Verifikator", jabatan="anggota", bidang="registrasi")
        chart = selectors.bagan()
    assert [p.nama for p in chart["kepala_unit"]] == ["Kepala Sekarang"]
    layanan = next(u for u in chart["bidang"] if u.nama.startswith("Bidang Layanan"))
    assert layanan.kepala == []
    registrasi = next(u for u in chart["bidang"] if u.nama.startswith("Bidang Registrasi"))
    assert [p.nama for p in registrasi.anggota] == ["Verifikator"]


def test_staff_form_post_with_bad_nip_rerenders_with_400(client_as):
    client = client_as(roles.SEKRETARIS)
    response = client.post(
        reverse("sekretariat:pegawai-create"),
        {
            "nama": "Salah NIP",
            "status": "pns",
            "nip": "198502302010031002",
            "jabatan": "anggota",
            "bidang": "layanan",
            "aktif": "on",
        },
    )
    assert response.status_code == 400
    assert "bukan tanggal lahir yang sah" in response.content.decode()


def test_staff_form_post_for_conflicted_person_rerenders_with_400(client_as):
    PenugasanLuarFactory(nip="198001012005011001")
    client = client_as(roles.SEKRETARIS)
    response = client.post(
        reverse("sekretariat:pegawai-create"),
        {
            "nama": "Rangkap",
            "status": "pns",
            "nip": "198001012005011001",
            "jabatan": "anggota",
            "bidang": "layanan",
            "aktif": "on",
        },
    )
    assert response.status_code == 400
    assert "Pasal 19 ayat 3" in response.content.decode()
    assert not Pegawai.objects.exists()


def test_pasal_21_honorarium_once_per_person_and_month():
    from decimal import Decimal

    from sekretariat.models import Honorarium

    p = PegawaiFactory()
    services.honorarium_save(honorarium=Honorarium(pegawai=p, periode=dt.date(2026, 3, 15), jumlah=Decimal(500000)))
    assert Honorarium.objects.get().periode == dt.date(2026, 3, 1)
    with pytest.raises(ValidationError):
        services.honorarium_save(honorarium=Honorarium(pegawai=p, periode=dt.date(2026, 3, 2), jumlah=Decimal(1)))


def test_sk_file_is_served_only_through_the_checking_view(client_as):
    from django.core.files.base import ContentFile

    sk = SuratKeputusanFactory()
    sk.berkas.save("sk.pdf", ContentFile(b"%PDF-1.4 isi sk"), save=True)
    url = reverse("sekretariat:berkas", args=["sk", sk.pk])
    assert b"".join(client_as(roles.SEKRETARIAT).get(url).streaming_content) == b"%PDF-1.4 isi sk"
    assert not sk.berkas.name.endswith("sk.pdf")  # random name on disk


@pytest.mark.parametrize("n", [3, 30])
def test_staff_list_query_count_does_not_grow(n, client_as, django_assert_max_num_queries):
    client = client_as(roles.SEKRETARIS)
    for i in range(n):
        p = PegawaiFactory(nip=nip_for(i))
        if i % 3 == 0:
            PenugasanLuarFactory(nip=p.nip)
    # session, user, permissions (2), count, page rows, (banner cached)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("sekretariat:pegawai-list")).status_code == 200


@pytest.mark.parametrize("n", [3, 30])
def test_organisation_chart_query_count_does_not_grow(n, client_as, django_assert_max_num_queries):
    client = client_as(roles.KEPALA_UNIT)
    for i in range(n):
        PegawaiFactory(nip=nip_for(i), bidang=["registrasi", "layanan", "infrastruktur", "sekretariat"][i % 4])
    with django_assert_max_num_queries(5):
        assert client.get(reverse("sekretariat:bagan")).status_code == 200


def test_pasal_19_3_recording_an_assignment_of_serving_staff_warns_at_once(client_as):
    p = PegawaiFactory(nama="Sedang Menjabat")
    response = client_as(roles.SEKRETARIS).post(
        reverse("sekretariat:penugasan-luar-create"),
        {
            "nama": "Sedang Menjabat",
            "nip": p.nip,
            "peran": "pokja",
            "nomor_sk": "027/1/ULP/2026",
            "tanggal_sk": "2026-02-01",
        },
        follow=True,
    )
    assert "Sedang Menjabat adalah pegawai aktif Unit LPSE" in response.content.decode()
