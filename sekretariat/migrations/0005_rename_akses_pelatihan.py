"""sekretariat.Akses → AksesSekretariat and sekretariat.Pelatihan → PelatihanPegawai
(Pasal 22; layanan.Pelatihan is the training the LPSE gives to SPSE users).

RenameModel keeps the rows (the tables are renamed) and renames the content
types, so permissions keep their ids and groups keep them. Django does not
rename the default permission codenames of a renamed model (add_pelatihan
would stay while the admin asks for add_pelatihanpegawai); the last step
renames them.
"""

from django.conf import settings
from django.db import migrations

RENAMED = {"pelatihanpegawai": "pelatihan", "historicalpelatihanpegawai": "historicalpelatihan"}


def _rename_codenames(apps, *, forward: bool) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for new, old in RENAMED.items():
        # This step runs after the content types are renamed, and when undone, before they are renamed back.
        ct = ContentType.objects.filter(app_label="sekretariat", model=new).first()
        if ct is None:  # a fresh database: post_migrate creates the permissions with the new names
            continue
        src, dst = (old, new) if forward else (new, old)
        src_label = src.replace("historical", "historical ").replace("pegawai", " pegawai")
        dst_label = dst.replace("historical", "historical ").replace("pegawai", " pegawai")
        for perm in Permission.objects.filter(content_type=ct, codename__endswith=f"_{src}"):
            action = perm.codename.removesuffix(f"_{src}")
            perm.codename = f"{action}_{dst}"
            perm.name = perm.name.replace(src_label, dst_label)
            perm.save(update_fields=["codename", "name"])


def forwards(apps, schema_editor):
    _rename_codenames(apps, forward=True)


def backwards(apps, schema_editor):
    _rename_codenames(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("sekretariat", "0004_naskah_tgl_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Akses", new_name="AksesSekretariat"),
        migrations.RenameModel(old_name="Pelatihan", new_name="PelatihanPegawai"),
        migrations.RenameModel(old_name="HistoricalPelatihan", new_name="HistoricalPelatihanPegawai"),
        migrations.AlterModelOptions(
            name="historicalpelatihanpegawai",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical pelatihan pegawai",
                "verbose_name_plural": "historical pelatihan pegawai",
            },
        ),
        migrations.AlterModelOptions(
            name="pelatihanpegawai",
            options={"ordering": ["-mulai", "-id"], "verbose_name_plural": "pelatihan pegawai"},
        ),
        migrations.RunPython(forwards, backwards),
    ]
