import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from lpse import roles
from sekretariat import services
from sekretariat.models import Naskah
from tests.sekretariat.factories import DisposisiFactory, NaskahFactory, PegawaiFactory, pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()


def _naskah(jenis="masuk", tanggal=dt.date(2026, 3, 3), **kw):
    return Naskah(
        jenis=jenis,
        tanggal_surat=tanggal,
        tanggal_agenda=tanggal,
        pengirim="Dinas PUPR",
        penerima="Kepala Unit LPSE",
        perihal=kw.pop("perihal", "Permohonan akun"),
        **kw,
    )


def test_pasal_8_4_f_agenda_numbers_are_gap_free_per_kind_and_year():
    a = services.naskah_register(naskah=_naskah())
    b = services.naskah_register(naskah=_naskah())
    k = services.naskah_register(naskah=_naskah("keluar", dt.date(2026, 4, 1)))
    c = services.naskah_register(naskah=_naskah(tanggal=dt.date(2027, 1, 2)))
    assert (a.urut, b.urut, k.urut, c.urut) == (1, 2, 1, 1)
    assert a.nomor_agenda == "0001/SM/2026" and b.nomor_agenda == "0002/SM/2026"
    assert k.nomor_agenda == "001/SK-LPSE/IV/2026"
    assert c.nomor_agenda == "0001/SM/2027"


def test_failed_registration_gives_its_number_back():
    with pytest.raises(ValidationError):
        services.naskah_register(naskah=_naskah(perihal=""))
    assert services.naskah_register(naskah=_naskah()).urut == 1


def test_configured_format_applies_to_the_next_number():
    services.naskah_register(naskah=_naskah())
    services.agenda_format_save(jenis="masuk", fmt="SM-{tahun}-{seq:05d}")
    assert services.naskah_register(naskah=_naskah()).nomor_agenda == "SM-2026-00002"
    with pytest.raises(ValidationError):
        services.agenda_format_check("{tahun}/tanpa-urut")
    with pytest.raises(ValidationError):
        services.agenda_format_check("{seq}/{tidak_ada}")


@pytest.mark.django_db(transaction=True)
def test_concurrent_registration_never_duplicates_a_number():
    errors = []

    def register():
        try:
            services.naskah_register(naskah=_naskah())
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(Naskah.objects.values_list("urut", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_agenda_number_and_year_never_change_on_edit():
    n = services.naskah_register(naskah=_naskah())
    n.tanggal_agenda = dt.date(2027, 1, 5)
    with pytest.raises(ValidationError):
        services.naskah_update(naskah=n)
    n.tanggal_agenda, n.perihal = dt.date(2026, 5, 5), "Diubah"
    services.naskah_update(naskah=n)
    n.refresh_from_db()
    assert (n.nomor_agenda, n.perihal) == ("0001/SM/2026", "Diubah")


def test_incoming_letter_with_attachment_through_the_page(client_as):
    client = client_as(roles.SEKRETARIAT)
    response = client.post(
        reverse("sekretariat:naskah-create", args=["masuk"]),
        {
            "nomor_surat": "027/11/DINKES/2026",
            "tanggal_surat": "2026-03-02",
            "tanggal_agenda": "2026-03-03",
            "pengirim": "Dinas Kesehatan",
            "penerima": "Kepala Unit LPSE",
            "perihal": "Permohonan pelatihan",
            "sifat": "biasa",
            "retensi_tahun": 5,
            "lampiran": SimpleUploadedFile("surat.pdf", PDF),
        },
    )
    naskah = Naskah.objects.get()
    assert response.status_code == 302 and response["Location"] == naskah.get_absolute_url()
    lampiran = naskah.lampiran.get()
    assert lampiran.nama_asli == "surat.pdf"
    got = client.get(reverse("sekretariat:berkas", args=["lampiran", lampiran.pk]))
    assert b"".join(got.streaming_content) == PDF


def test_renamed_executable_attachment_is_refused_and_nothing_saved(client_as):
    client = client_as(roles.SEKRETARIAT)
    response = client.post(
        reverse("sekretariat:naskah-create", args=["masuk"]),
        {
            "tanggal_surat": "2026-03-02",
            "tanggal_agenda": "2026-03-03",
            "pengirim": "X",
            "penerima": "Y",
            "perihal": "Z",
            "sifat": "biasa",
            "retensi_tahun": 5,
            "lampiran": SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 bukan pdf"),
        },
    )
    assert response.status_code == 400
    assert "menurut isinya" in response.content.decode()
    assert not Naskah.objects.exists()


def test_secret_attachment_only_for_kepala_unit_and_sekretaris(client_as, make_user, client):
    n = services.naskah_register(naskah=_naskah(sifat="rahasia"))
    lampiran = services.lampiran_add(naskah=n, berkas=SimpleUploadedFile("r.pdf", PDF))
    url = reverse("sekretariat:berkas", args=["lampiran", lampiran.pk])
    client.force_login(make_user(roles.SEKRETARIAT))
    assert client.get(url).status_code == 403
    client.force_login(make_user(roles.SEKRETARIS))
    assert client.get(url).status_code == 200


def test_disposition_to_a_person_mails_them_and_clears_the_waiting_list(client_as, django_capture_on_commit_callbacks):
    n = services.naskah_register(naskah=_naskah())
    target = PegawaiFactory(email="verifikator@karokab.go.id")
    client = client_as(roles.KEPALA_UNIT)
    assert client.get(reverse("sekretariat:naskah-list") + "?belum=1").context["page"].paginator.count == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sekretariat:disposisi-create", args=[n.pk]),
            {
                "kepada_pegawai": target.pk,
                "instruksi": "Siapkan jawaban.",
                "batas_waktu": "2099-01-01",
            },
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["verifikator@karokab.go.id"]
    assert "Siapkan jawaban." in mail.outbox[-1].body
    assert client.get(reverse("sekretariat:naskah-list") + "?belum=1").context["page"].paginator.count == 0


def test_disposition_without_target_is_a_form_error(client_as):
    n = services.naskah_register(naskah=_naskah())
    response = client_as(roles.SEKRETARIS).post(
        reverse("sekretariat:disposisi-create", args=[n.pk]), {"instruksi": "?"}
    )
    assert response.status_code == 400
    assert "Pilih bidang atau pegawai" in response.content.decode()


def test_search_finds_by_sender_subject_and_number(client_as):
    services.naskah_register(naskah=_naskah(perihal="Undangan rapat koordinasi"))
    services.naskah_register(naskah=_naskah("keluar", perihal="Jawaban permohonan"))
    telaah = services.naskah_register(naskah=_naskah("telaahan", perihal="Telaahan penambahan bandwidth"))
    client = client_as(roles.SEKRETARIAT)

    def found(query):
        return [n.perihal for n in client.get(reverse("sekretariat:naskah-list") + query).context["page"]]

    assert found("?q=rapat") == ["Undangan rapat koordinasi"]
    assert found("?jenis=telaahan") == [telaah.perihal]
    assert found("?q=0001%2FSM") == ["Undangan rapat koordinasi"]
    assert found("?tahun=abc")  # bad year is ignored, not a 500


@pytest.mark.parametrize("n", [3, 30])
def test_register_query_count_does_not_grow(n, client_as, django_assert_max_num_queries):
    client = client_as(roles.SEKRETARIAT)
    for _ in range(n):
        DisposisiFactory()
    # session, user, permissions (2), count, rows (banner cached)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("sekretariat:naskah-list")).status_code == 200


@pytest.mark.parametrize("n", [3, 30])
def test_letter_detail_query_count_does_not_grow(n, client_as, django_assert_max_num_queries):
    client = client_as(roles.SEKRETARIS)
    naskah = NaskahFactory()
    for _ in range(n):
        DisposisiFactory(naskah=naskah)
    # session, user, perms (2), banner, naskah, lampiran, disposisi (joined), pegawai choices, history
    with django_assert_max_num_queries(9):
        assert client.get(naskah.get_absolute_url()).status_code == 200


def test_disposition_to_a_bidang_mails_its_head(make_user, django_capture_on_commit_callbacks):
    n = services.naskah_register(naskah=_naskah())
    PegawaiFactory(jabatan="kepala_bidang", bidang="layanan", email="kabid.layanan@karokab.go.id")
    PegawaiFactory(jabatan="anggota", bidang="layanan", email="anggota@karokab.go.id")
    from sekretariat.models import Disposisi

    with django_capture_on_commit_callbacks(execute=True):
        services.disposisi_create(
            disposisi=Disposisi(naskah=n, kepada_bidang="layanan", instruksi="Bantu."),
            user=make_user(roles.KEPALA_UNIT),
        )
    assert [m.to for m in mail.outbox] == [["kabid.layanan@karokab.go.id"]]


def test_moving_a_letter_to_another_year_is_a_form_error_not_a_500(client_as):
    n = services.naskah_register(naskah=_naskah())
    response = client_as(roles.SEKRETARIAT).post(
        reverse("sekretariat:naskah-edit", args=[n.pk]),
        {
            "tanggal_surat": "2026-03-02",
            "tanggal_agenda": "2027-01-05",
            "pengirim": "X",
            "penerima": "Y",
            "perihal": "Z",
            "sifat": "biasa",
            "retensi_tahun": 5,
        },
    )
    assert response.status_code == 400
    assert "tidak boleh pindah tahun" in response.content.decode()


def test_pasal_8_4_f_archive_lists_letters_past_their_retention(client_as):
    from sekretariat import selectors

    old = NaskahFactory(tanggal_agenda=dt.date(2020, 3, 3), retensi_tahun=5)  # until March 2025
    edge = NaskahFactory(tanggal_agenda=dt.date(2021, 11, 3), retensi_tahun=5)  # until November 2026
    NaskahFactory(tanggal_agenda=dt.date(2021, 12, 3), retensi_tahun=5)  # until December 2026
    found = selectors.naskah_search(retensi_habis=True, today=dt.date(2026, 11, 26))
    assert {n.pk for n in found} == {old.pk, edge.pk}
    assert edge.retensi_sampai == dt.date(2026, 11, 1)
    page = client_as(roles.SEKRETARIAT).get(reverse("sekretariat:naskah-list") + "?retensi=habis")
    assert page.status_code == 200


def test_staff_of_a_bidang_see_and_close_its_dispositions_only(client_as, make_user, client):
    mine = DisposisiFactory(kepada_bidang="layanan", instruksi="Siapkan pelatihan.")
    other = DisposisiFactory(kepada_bidang="registrasi", instruksi="Verifikasi ulang.")
    helpdesk = make_user(roles.LAYANAN)
    personal = DisposisiFactory(kepada_bidang="", kepada_pegawai=PegawaiFactory(user=helpdesk), instruksi="Hadiri.")
    client.force_login(helpdesk)
    html = client.get(reverse("sekretariat:disposisi-saya")).content.decode()
    assert "Siapkan pelatihan." in html and "Hadiri." in html and "Verifikasi ulang." not in html
    assert client.post(reverse("sekretariat:disposisi-finish", args=[other.pk])).status_code == 403
    assert client.post(reverse("sekretariat:disposisi-finish", args=[mine.pk])).status_code == 302
    assert client.post(reverse("sekretariat:disposisi-finish", args=[personal.pk])).status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.selesai is not None and other.selesai is None


def test_search_matching_thousands_counts_at_most_a_thousand(client_as, django_assert_num_queries):
    """Issue 14: a common word in the register (here 1,005 matches) is not counted to the end on every
    page view: the count stops past a thousand, the pages reach that far and say there are more."""
    from sekretariat.models import Naskah

    Naskah.objects.bulk_create(
        [
            Naskah(
                jenis="masuk",
                tahun=2026,
                urut=9000 + i,
                nomor_agenda=f"{9000 + i}/SM/2026",
                tanggal_surat=dt.date(2026, 3, 2),
                tanggal_agenda=dt.date(2026, 3, 2),
                pengirim="Dinas Kesehatan",
                penerima="Kepala Unit LPSE",
                perihal=f"Surat {i}",
            )
            for i in range(1005)
        ]
    )
    client = client_as(roles.SEKRETARIAT)
    client.get(reverse("sekretariat:naskah-list"))
    # user (session and perms cached), the capped count, the page's rows
    with django_assert_num_queries(3):
        response = client.get(reverse("sekretariat:naskah-list") + "?q=surat")
    paginator = response.context["page"].paginator
    assert paginator.capped and paginator.count == 1000 and paginator.num_pages == 20
    assert "Halaman 1 dari 20+ (persempit pencarian)" in response.content.decode()
    assert not client.get(reverse("sekretariat:naskah-list") + "?q=surat+1004").context["page"].paginator.capped
