"""Portable media are assets (issue 6; Perbup Karo 02/2017 Pasal 18 ayat 2): one registration,
visible in the asset register and in the backup media list."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.forms.models import model_to_dict
from django.urls import reverse

from backup import services
from backup.models import MediaBackup, MediaCopy
from infrastruktur.models import Aset
from lpse import roles
from tests.backup import support
from tests.infrastruktur.factories import AsetFactory, medium_create

pytestmark = pytest.mark.django_db
backup_settings = support.backup_settings


def _aset_post(aset: Aset, **changes) -> dict:
    data = {k: v for k, v in model_to_dict(aset).items() if v is not None and k != "id"}
    data.update(changes)
    return data


def test_registering_a_medium_creates_its_asset_listed_in_the_register(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    response = client.post(
        reverse("backup:media"),
        {"label": "HDD-Brankas-1", "serial": "WX123", "kapasitas_gb": 2000, "enkripsi": "luks", "aktif": "on"},
    )
    assert response.status_code == 302
    medium = MediaBackup.objects.select_related("aset").get(label="HDD-Brankas-1")
    aset = medium.aset
    assert (aset.nama, aset.jenis, aset.disk, aset.status) == ("HDD-Brankas-1", "media_backup", "2000 GB", "aktif")
    assert aset.kerahasiaan == 3, "archives hold NIK: highest confidentiality"
    register = client.get(reverse("infrastruktur:aset-list"), {"jenis": "media_backup"}).content.decode()
    assert "HDD-Brankas-1" in register
    detail = client.get(aset.get_absolute_url()).content.decode()
    assert "WX123" in detail and "LUKS" in detail
    media_page = client.get(reverse("backup:media")).content.decode()
    assert aset.get_absolute_url() in media_page


def test_registering_a_medium_uses_an_asset_already_in_the_register(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    chosen = AsetFactory(nama="Hard disk eksternal A", jenis="media_backup", ruang="Lemari besi Sekretariat")
    same_name = AsetFactory(nama="USB-09", jenis="media_backup")
    url = reverse("backup:media")
    page = client.get(url, {"aset": chosen.pk}).content.decode()
    assert f'value="{chosen.pk}" selected' in page
    response = client.post(url, {"label": "HDD-A", "kapasitas_gb": 1000, "enkripsi": "arsip", "aset": chosen.pk})
    assert response.status_code == 302
    response = client.post(url, {"label": "USB-09", "kapasitas_gb": 64, "enkripsi": "arsip"})
    assert response.status_code == 302
    assert MediaBackup.objects.get(label="HDD-A").aset == chosen
    assert MediaBackup.objects.get(label="USB-09").aset == same_name
    assert Aset.objects.filter(jenis="media_backup").count() == 2, "no second asset for the same medium"
    chosen.refresh_from_db()
    assert chosen.disk == "1000 GB" and chosen.ruang == "Lemari besi Sekretariat"
    register = client.get(reverse("infrastruktur:aset-list")).content.decode()
    assert "media HDD-A" in register and "Tidak dipantau" in register, "no metrics are expected from a medium"
    detail = client.get(chosen.get_absolute_url()).content.decode()
    assert "HDD-A" in detail and "Token agen" not in detail
    # Taken once, an asset is no longer offered nor accepted for another medium.
    response = client.post(url, {"label": "HDD-A2", "kapasitas_gb": 10, "enkripsi": "arsip", "aset": chosen.pk})
    assert response.status_code == 400
    assert not MediaBackup.objects.filter(label="HDD-A2").exists()


def test_label_taken_by_another_kind_of_asset_is_refused_with_a_message(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    AsetFactory(nama="Server Backup")
    response = client.post(reverse("backup:media"), {"label": "Server Backup", "kapasitas_gb": 64, "enkripsi": "arsip"})
    assert response.status_code == 400
    assert "sudah dipakai aset lain" in response.content.decode()
    assert not MediaBackup.objects.exists()
    assert Aset.objects.count() == 1
    with pytest.raises(ValidationError):
        services.medium_save(medium=MediaBackup(label="X", kapasitas_gb=1), aset=Aset.objects.get())


def test_medium_and_asset_keep_in_use_status_together(client_as):
    medium = medium_create(label="USB-S", kapasitas_gb=32)
    medium.aktif = False
    services.medium_save(medium=medium)
    medium.aset.refresh_from_db()
    assert medium.aset.status == "nonaktif"
    client = client_as(roles.ADMIN_SISTEM)
    aset = medium.aset
    response = client.post(reverse("infrastruktur:aset-edit", args=[aset.pk]), _aset_post(aset, status="cadangan"))
    assert response.status_code == 302
    medium.refresh_from_db()
    assert medium.aktif
    response = client.post(reverse("infrastruktur:aset-edit", args=[aset.pk]), _aset_post(aset, jenis="server"))
    assert response.status_code == 400
    assert "terdaftar sebagai media backup" in response.content.decode()
    aset.refresh_from_db()
    assert aset.jenis == "media_backup"


def test_editing_a_medium_updates_its_asset_and_refuses_bad_input(client_as, django_assert_max_num_queries):
    client = client_as(roles.ADMIN_SISTEM)
    medium = medium_create(label="USB-E", kapasitas_gb=32)
    url = reverse("backup:media-ubah", args=[medium.pk])
    page = client.get(url).content.decode()
    assert medium.aset.get_absolute_url() in page and "buat aset baru" not in page
    data = {"label": "USB-E", "serial": "SN-E", "kapasitas_gb": 64, "enkripsi": "luks"}
    assert client.post(url, {**data, "kapasitas_gb": -1}).status_code == 400
    assert client.post(url, data).status_code == 302  # "aktif" unticked: retired
    medium.refresh_from_db()
    medium.aset.refresh_from_db()
    assert (medium.kapasitas_gb, medium.aktif, medium.serial) == (64, False, "SN-E")
    assert (medium.aset.disk, medium.aset.status) == ("64 GB", "nonaktif")
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    for i in range(20):  # a longer history shows no more queries
        medium.catatan = f"catatan {i}"
        services.medium_save(medium=medium)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_pasal_18_2_off_site_rule_holds_for_a_medium_asset_and_the_register_shows_where_it_is(
    backup_settings, tmp_path
):
    (tmp_path / "spse").mkdir()
    (tmp_path / "spse" / "spse.conf").write_text("db=epns\n")
    run = services.run_execute(
        run_id=services.run_request(source=support.dir_source(tmp_path / "spse"), queue=False).pk
    )
    medium = medium_create(label="USB-O", kapasitas_gb=64)
    mount = tmp_path / "usb"
    mount.mkdir()
    with pytest.raises(ValidationError, match="Pasal 18 ayat 2"):
        services.media_copy_write(medium=medium, runs=[run], dest=mount, lokasi="Ruang server rak 2", terpisah=True)
    with pytest.raises(ValidationError, match="Pasal 18 ayat 2"):
        services.media_copy_write(medium=medium, runs=[run], dest=mount, lokasi="Brankas", terpisah=False)
    assert not MediaCopy.objects.exists()
    medium.aset.refresh_from_db()
    assert medium.aset.ruang == ""
    copy = services.media_copy_write(
        medium=medium, runs=[run], dest=mount, lokasi="Brankas Kantor Bupati", terpisah=True
    )
    assert copy.status == "berhasil"
    medium.aset.refresh_from_db()
    assert medium.aset.ruang == "Brankas Kantor Bupati"


def test_asset_list_query_count_does_not_grow_with_media(client_as, django_assert_max_num_queries):
    client = client_as(roles.ADMIN_SISTEM)
    for i in range(3):
        medium_create(label=f"USB-Q{i}")
    url = reverse("infrastruktur:aset-list")
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    for i in range(3, 30):
        medium_create(label=f"USB-Q{i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_gives_every_existing_medium_an_asset():
    before = [("infrastruktur", "0004_media_aset_1_kolom")]
    executor = MigrationExecutor(connection)
    # Every app's leaf, not only infrastruktur's: going back unapplies the apps that depend on it
    # (monitoring, backup), and later tests need all of their migrations again.
    leaf = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old = MigrationExecutor(connection).loader.project_state(before).apps
    OldAset, OldMedium = old.get_model("infrastruktur", "Aset"), old.get_model("infrastruktur", "MediaBackup")
    taken_over = OldAset.objects.create(nama="USB-1", jenis="media_backup")
    OldAset.objects.create(nama="Server Backup", jenis="server")
    OldMedium.objects.create(label="USB-1", kapasitas_gb=64)
    OldMedium.objects.create(label="Server Backup", kapasitas_gb=500, aktif=False)
    OldMedium.objects.create(label="USB-3", kapasitas_gb=32)
    executor = MigrationExecutor(connection)
    executor.migrate(leaf)
    linked = {m.label: m.aset for m in MediaBackup.objects.select_related("aset")}
    assert linked["USB-1"].pk == taken_over.pk
    assert (linked["Server Backup"].nama, linked["Server Backup"].status) == ("Media backup Server Backup", "nonaktif")
    assert (linked["USB-3"].nama, linked["USB-3"].jenis, linked["USB-3"].disk) == ("USB-3", "media_backup", "32 GB")
