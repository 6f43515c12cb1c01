from django.db import migrations

from lpse.roles import grant
from lpse.schedules import install_crontab

TRGM_INDEXES = [
    ("tiket_subjek_trgm", "layanan_tiket", "subjek"),
    ("faq_judul_trgm", "layanan_artikelfaq", "judul"),
]

# Working minutes: (first response, resolution). See layanan.models.SlaTarget.
SLA_DEFAULTS = {1: (60, 240), 2: (120, 480), 3: (240, 960), 4: (480, 2400)}

FAQ_KATEGORI = ["Registrasi & akun", "Kendala teknis SPSE", "Pengadaan elektronik", "Layanan LPSE"]

TEMPLAT = [
    ("registrasi", "Lupa kata sandi", "Silakan gunakan menu Lupa Kata Sandi pada SPSE. Bila email tidak masuk, periksa folder spam atau balas tiket ini dengan nama perusahaan dan NPWP Anda."),
    ("teknis", "Minta tangkapan layar", "Mohon kirimkan tangkapan layar pesan galat, nama peramban dan versinya, serta waktu kejadian agar dapat kami telusuri."),
    ("keluhan", "Permohonan maaf", "Kami mohon maaf atas ketidaknyamanan yang Anda alami. Keluhan Anda sedang kami tindak lanjuti."),
]


def trgm_up(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite falls back to a plain LIKE scan (layanan.selectors)
    for name, table, column in TRGM_INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def trgm_down(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in TRGM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def defaults(apps, schema_editor):
    SlaTarget = apps.get_model("layanan", "SlaTarget")
    for p, (respons, selesai) in SLA_DEFAULTS.items():
        SlaTarget.objects.get_or_create(prioritas=p, defaults={"respons_menit": respons, "selesai_menit": selesai})
    KategoriFaq = apps.get_model("layanan", "KategoriFaq")
    for i, nama in enumerate(FAQ_KATEGORI):
        KategoriFaq.objects.get_or_create(nama=nama, defaults={"urutan": i})
    BalasanTemplat = apps.get_model("layanan", "BalasanTemplat")
    for kategori, judul, isi in TEMPLAT:
        BalasanTemplat.objects.get_or_create(kategori=kategori, judul=judul, defaults={"isi": isi})
    from layanan.roles import ROLE_PERMISSIONS

    grant(apps, ROLE_PERMISSIONS)
    install_crontab(
        apps,
        name="Peringatan SLA helpdesk",
        task="layanan.tasks.sla_peringatan",
        minute="*/15",
        hour="7-17",
        day_of_week="1-5",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0002_tiket"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(trgm_up, trgm_down),
        migrations.RunPython(defaults, migrations.RunPython.noop),
    ]
