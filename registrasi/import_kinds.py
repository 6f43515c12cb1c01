"""Import of SPSE users from SPSE's own user export (registered in
RegistrasiConfig.ready)."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from lpse.imports import Column, ImportKind
from lpse.imports.base import RowChecker, bulk_write, check_model, parse_choice, parse_date, run_validator
from lpse.models import Instansi

from .identifiers import clean_nik, clean_npwp
from .models import PenggunaSpse, PeranPejabat


def instansi_lookup() -> dict[str, int]:
    """Instansi ids by lower-cased name and abbreviation, for matching a file's text."""
    out: dict[str, int] = {}
    for pk, nama, singkatan in Instansi.objects.values_list("pk", "nama", "singkatan"):
        out[nama.lower()] = pk
        if singkatan:
            out.setdefault(singkatan.lower(), pk)
    return out


STATUS_CHOICES = PenggunaSpse.Status.choices
JENIS_CHOICES = PenggunaSpse.Jenis.choices
PERAN_CHOICES = PeranPejabat.choices


class PenggunaSpseImport(ImportKind):
    """Vendors and officials who are SPSE users already (Pasal 4(1)d),
    verified in SPSE before the portal: recorded as verified, with the file
    they came from as the source, and not sent through verification again."""

    key = "pengguna-spse"
    label = "Pengguna SPSE"
    permission = "registrasi.add_penggunaspse"
    namespace = "registrasi"
    list_url_name = "registrasi:pengguna-spse-list"
    key_column = "user_id"
    also_unique = ("npwp",)
    description = (
        "Penyedia dan pejabat yang sudah menjadi pengguna SPSE sebelum portal ini dipakai, dari berkas ekspor "
        "daftar pengguna SPSE. Mereka dicatat sebagai sudah terverifikasi (dengan sumbernya) dan tidak "
        "diverifikasi ulang; setelah impor, mereka dapat diundang mengatur kata sandi portal."
    )
    columns = (
        Column("user_id", "User ID SPSE", True, "cvmajubersama", ("User ID", "userid", "user id spse")),
        Column("nama", "Nama penyedia atau nama pegawai", True, "CV Maju Bersama", ("nama penyedia", "nama pegawai")),
        Column("jenis", "Penyedia atau Non Penyedia", False, "Penyedia", ("jenis pengguna", "tipe pengguna")),
        Column("npwp_nik", "NPWP (penyedia) atau NIK (non penyedia)", True, "01.234.567.8-901.000", ("NPWP/NIK",)),
        Column("email", "Email", False, "admin@majubersama.co.id"),
        Column("instansi", "Instansi (non penyedia): nama atau singkatan", False, "", ("satuan kerja", "satker")),
        Column("peran", "Peran di SPSE (non penyedia): PA/KPA, PPK, Pokja ULP/Pejabat Pengadaan, Auditor", False, ""),
        Column("status", "Aktif atau Nonaktif", False, "Aktif", ("status user", "status pengguna")),
        Column(
            "tanggal_daftar", "Tanggal terdaftar di SPSE", False, "2016-03-14", ("tgl daftar", "tanggal registrasi")
        ),
        Column(
            "tanggal_verifikasi", "Tanggal diverifikasi", False, "2016-03-16", ("tgl verifikasi", "tanggal disetujui")
        ),
    )
    FIELDS = [
        "user_id",
        "nama",
        "jenis",
        "npwp",
        "nik",
        "email",
        "instansi_id",
        "peran",
        "status",
        "tanggal_daftar",
        "tanggal_verifikasi",
    ]
    JENIS = {"penyedia": PenggunaSpse.Jenis.PENYEDIA, "non penyedia": PenggunaSpse.Jenis.NON_PENYEDIA}

    def prepare(self, rows):
        return {"instansi": instansi_lookup()}

    def existing(self, keys):
        return {p.user_id: p for p in PenggunaSpse.objects.filter(user_id__in=keys).only("pk", *self.FIELDS)}

    def clean_row(self, row, ctx):
        check = RowChecker()
        jenis_text = " ".join(row.get("jenis", "").lower().replace("_", " ").replace("-", " ").split())
        jenis = self.JENIS.get(jenis_text) or check(
            parse_choice, jenis_text, JENIS_CHOICES, column="jenis", default=PenggunaSpse.Jenis.PENYEDIA
        )
        identitas = row.get("npwp_nik", "")
        npwp = nik = ""
        if not identitas.strip():
            check.fail("Kolom npwp_nik wajib diisi (NPWP untuk penyedia, NIK untuk non penyedia).")
        elif jenis == PenggunaSpse.Jenis.PENYEDIA:
            npwp = check(run_validator, clean_npwp, identitas, column="npwp_nik") or ""
        elif jenis:
            nik = check(run_validator, clean_nik, identitas, column="npwp_nik") or ""
        instansi_id = None
        instansi_text = " ".join(row.get("instansi", "").split())
        if instansi_text:
            instansi_id = ctx["instansi"].get(instansi_text.lower())
            if instansi_id is None:
                check.fail(
                    f"Kolom instansi: instansi “{instansi_text}” tidak dikenal; tambahkan atau impor dulu di daftar "
                    "Instansi."
                )
        elif jenis == PenggunaSpse.Jenis.NON_PENYEDIA:
            check.fail("Kolom instansi wajib diisi untuk non penyedia.")
        email = row.get("email", "").strip().lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                check.fail(f"Kolom email: “{email}” bukan alamat email yang sah.")
        peran = ""
        if row.get("peran", "").strip():
            peran = check(parse_choice, row["peran"], PERAN_CHOICES, column="peran") or ""
        daftar = check(parse_date, row.get("tanggal_daftar", ""), column="tanggal_daftar")
        verifikasi = check(parse_date, row.get("tanggal_verifikasi", ""), column="tanggal_verifikasi")
        if daftar and verifikasi and verifikasi < daftar:
            check.fail("Tanggal verifikasi tidak boleh sebelum tanggal daftar.")
        data = {
            "user_id": row.get("user_id", "").strip(),
            "nama": " ".join(row.get("nama", "").split()),
            "jenis": jenis,
            "npwp": npwp,
            "nik": nik,
            "email": email,
            "instansi_id": instansi_id,
            "peran": peran,
            "status": check(parse_choice, row.get("status", ""), STATUS_CHOICES, column="status", default="aktif"),
            "tanggal_daftar": daftar,
            "tanggal_verifikasi": verifikasi,
        }
        if not data["nama"]:
            check.fail("Kolom nama wajib diisi.")
        check.done()
        check_model(PenggunaSpse, data)
        return data

    def apply(self, plan, *, record, user, progress):
        bulk_write(
            plan,
            model=PenggunaSpse,
            fields=self.FIELDS,
            user=user,
            progress=progress,
            reason=f"impor #{record.pk}",
            on_create={
                "sumber": f"Ekspor pengguna SPSE, impor #{record.pk} ({record.nama_asli})"[:200],
                "impor": record,
            },
        )

    def export_rows(self):
        instansi = dict(Instansi.objects.values_list("pk", "nama"))
        qs = PenggunaSpse.objects.order_by("nama", "user_id").values_list(*self.FIELDS)
        for user_id, nama, jenis, npwp, nik, email, instansi_id, peran, status, daftar, verifikasi in qs.iterator(
            chunk_size=5000
        ):
            yield [
                user_id,
                nama,
                PenggunaSpse.Jenis(jenis).label,
                npwp or nik,
                email,
                instansi.get(instansi_id, ""),
                peran,
                PenggunaSpse.Status(status).label,
                daftar,
                verifikasi,
            ]
