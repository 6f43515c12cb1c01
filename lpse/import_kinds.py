"""The import kinds lpse itself owns (registered in LpseConfig.ready)."""

from lpse.imports import Column, ImportKind
from lpse.imports.base import RowChecker, bulk_write, check_model, parse_bool, parse_choice

from .models import Instansi


class InstansiImport(ImportKind):
    """The kabupaten's OPD and, by Pasal 4(2), BUMD and non-government
    organisations the LPSE may also serve. Matched on the exact name."""

    key = "instansi"
    label = "Instansi"
    permission = "lpse.add_instansi"
    namespace = "lpse"
    list_url_name = "lpse:instansi-list"
    key_column = "nama"
    also_unique = ("singkatan",)
    description = (
        "Perangkat daerah (OPD) kabupaten serta BUMD dan organisasi non-pemerintah yang juga dapat dilayani "
        "LPSE (Pasal 4 ayat 2)."
    )
    columns = (
        Column(
            "nama", "Nama instansi, persis seperti yang dipakai di SPSE", True, "Dinas Kesehatan", ("nama instansi",)
        ),
        Column("singkatan", "Singkatan", False, "Dinkes"),
        Column("jenis", "OPD, BUMD, Organisasi non-pemerintah atau Instansi pemerintah lain", False, "OPD"),
        Column("alamat", "Alamat", False, "Jl. Jamin Ginting No. 17, Kabanjahe"),
        Column("aktif", "ya/tidak", False, "ya"),
    )
    FIELDS = ["nama", "singkatan", "jenis", "alamat", "aktif"]
    JENIS_ALIASES = {"opd": Instansi.Jenis.OPD, "perangkat daerah": Instansi.Jenis.OPD}

    def existing(self, keys):
        return {i.nama: i for i in Instansi.objects.filter(nama__in=keys)}

    def clean_row(self, row, ctx):
        check = RowChecker()
        jenis_text = (row.get("jenis") or "").strip()
        jenis = self.JENIS_ALIASES.get(jenis_text.lower()) or check(
            parse_choice, jenis_text, Instansi.Jenis.choices, column="jenis", default=Instansi.Jenis.OPD
        )
        data = {
            "nama": " ".join(row.get("nama", "").split()),
            "singkatan": row.get("singkatan", "").strip(),
            "jenis": jenis,
            "alamat": row.get("alamat", "").strip(),
            "aktif": check(parse_bool, row.get("aktif", ""), column="aktif"),
        }
        check.done()
        check_model(Instansi, data)
        return data

    def normalise_key(self, value):
        return " ".join(value.split())

    def apply(self, plan, *, record, user, progress):
        bulk_write(plan, model=Instansi, fields=self.FIELDS, user=user, progress=progress, reason=f"impor #{record.pk}")

    def export_rows(self):
        for i in Instansi.objects.order_by("nama"):
            yield [i.nama, i.singkatan, i.get_jenis_display(), i.alamat, i.aktif]
