import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("infrastruktur", "0005_media_aset_2_isi")]

    operations = [
        migrations.AlterField(
            model_name="mediabackup",
            name="aset",
            field=models.OneToOneField(
                limit_choices_to={"jenis": "media_backup"},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="media_backup",
                to="infrastruktur.aset",
                verbose_name="aset",
            ),
        ),
    ]
