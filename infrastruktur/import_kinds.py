"""Import of the asset register with its CIA ratings (registered in
InfrastrukturConfig.ready), on the shared lpse.imports flow."""

from django.core.exceptions import ValidationError

from lpse.imports import Column, ImportKind
from lpse.imports.base import CREATE, UPDATE, RowChecker, RowError, parse_choice, parse_date

from .models import Aset

CIA = ("kerahasiaan", "integritas", "ketersediaan")
CIA_WORDS = {"rendah": 1, "sedang": 2, "tinggi": 3}


def _cia(value: str, *, column: str) -> int | None:
    """A CIA rating: 1–3, or rendah/sedang/tinggi, or the label "2 – sedang"."""
    text = (value or "").strip().lower()
    if not text:
        return None
    if text in CIA_WORDS:
        return CIA_WORDS[text]
    head = text.split()[0].split("–")[0].split("-")[0]
    if head in ("1", "2", "3"):
        return int(head)
    raise RowError(f"Kolom {column}: “{value}” bukan nilai 1 (rendah), 2 (sedang) atau 3 (tinggi).")


class AsetImport(ImportKind):
    """Servers, network devices and other hardware of the Bidang
    Administrasi Sistem Elektronik (Pasal 9(1), 16, 17) with their
    confidentiality, integrity and availability ratings, matched on the
    asset's name. Thresholds are not imported: they keep their defaults
    (or their current values) and are tuned per asset in the portal."""

    key = "aset"
    label = "Aset"
    permission = "lpse.akses_infrastruktur"
    namespace = "infrastruktur"
    list_url_name = "infrastruktur:aset-list"
    key_column = "nama"
    description = (
        "Daftar aset perangkat keras Bidang Administrasi Sistem Elektronik beserta peringkat kerahasiaan, integritas "
        "dan ketersediaan (C/I/A, 1 = rendah sampai 3 = tinggi); dicocokkan dengan nama aset."
    )
    columns = (
        Column("nama", "Nama aset (unik)", True, "srv-spse-01"),
        Column("jenis", "Server, Perangkat jaringan, UPS, AC / pendingin, Lainnya", False, "Server"),
        Column("peran", "Peran aset", False, "Server aplikasi SPSE"),
        Column("alamat", "IP/hostname", False, "10.10.1.11", ("ip", "hostname", "ip/hostname")),
        Column("ruang", "Ruang", False, "Ruang server"),
        Column("rak", "Rak", False, "R1"),
        Column("cpu", "CPU", False, "2x Xeon Silver 4210"),
        Column("ram", "RAM", False, "64 GB"),
        Column("disk", "Disk", False, "2x 960 GB SSD RAID1"),
        Column("pemilik", "Pemilik/penanggung jawab", False, "Bidang Administrasi Sistem Elektronik"),
        Column("tanggal_perolehan", "Tanggal perolehan", False, "2021-03-01"),
        Column("garansi_sampai", "Garansi sampai", False, "2026-03-01"),
        Column("status", "Aktif, Cadangan, Dalam perbaikan, Tidak aktif", False, "Aktif"),
        Column("kerahasiaan", "Kerahasiaan 1–3 (rendah/sedang/tinggi)", False, "3", ("c", "confidentiality")),
        Column("integritas", "Integritas 1–3", False, "3", ("i", "integrity")),
        Column("ketersediaan", "Ketersediaan 1–3", False, "3", ("a", "availability")),
    )
    FIELDS = [c.name for c in columns]
    PLAIN = ("peran", "alamat", "ruang", "rak", "cpu", "ram", "disk", "pemilik")

    def normalise_key(self, value):
        return " ".join(value.split())

    def existing(self, keys):
        return {a.nama: a for a in Aset.objects.filter(nama__in=keys)}

    def prepare(self, rows):
        return {"existing": self.existing([self.row_key(r) for _, r in rows])}

    def clean_row(self, row, ctx):
        check = RowChecker()
        nama = self.row_key(row)
        current = ctx["existing"].get(nama)
        data = {"nama": nama}
        for f in self.PLAIN:
            data[f] = " ".join((row.get(f) or "").split())
        for f, choices in (("jenis", Aset.Jenis.choices), ("status", Aset.Status.choices)):
            default = getattr(current, f) if current else Aset._meta.get_field(f).default
            data[f] = check(parse_choice, row.get(f, ""), choices, column=f, default=default)
        for f in ("tanggal_perolehan", "garansi_sampai"):
            data[f] = check(parse_date, row.get(f, ""), column=f)
        if data["tanggal_perolehan"] and data["garansi_sampai"] and data["garansi_sampai"] < data["tanggal_perolehan"]:
            check.fail("Tanggal garansi berakhir tidak boleh sebelum tanggal perolehan.")
        for f in CIA:
            value = check(_cia, row.get(f, ""), column=f)
            data[f] = value if value is not None else (getattr(current, f) if current else 2)
        check.done()
        # The model's own rules: field checks (lengths, choices, CIA 1–3) without a query, and
        # Aset.clean's hooks (backup: a registered medium stays a medium; one query for a known asset).
        aset = Aset(pk=current.pk if current else None, **dict(data.items()))
        try:
            aset.clean_fields(exclude=[f.name for f in Aset._meta.fields if f.name not in self.FIELDS])
            aset.clean()
        except ValidationError as exc:
            messages = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            check.errors.extend(
                f"Kolom {f}: {' '.join(m)}" if f != "__all__" else " ".join(m) for f, m in messages.items()
            )
        check.done()
        return data

    def apply(self, plan, *, record, user, progress):
        # A register of tens to hundreds of assets: saved one by one so the history keeps
        # who and why and monitoring/backup follow through the aset_saved signal.
        from .services.aset import aset_save

        rows = [r for r in plan.rows if r.action in (CREATE, UPDATE)]
        for n, r in enumerate(rows, start=1):
            aset = r.existing if r.action == UPDATE else Aset()
            for k in self.FIELDS:
                setattr(aset, k, r.data[k])
            aset._history_user, aset._change_reason = user, f"impor #{record.pk}"
            aset_save(aset=aset)
            if n % 50 == 0 or n == len(rows):
                progress(n, len(rows))

    def export_rows(self):
        labels = {
            "jenis": dict(Aset.Jenis.choices),
            "status": dict(Aset.Status.choices),
        }
        for a in Aset.objects.order_by("nama").only(*self.FIELDS):
            yield [labels[f][getattr(a, f)] if f in labels else getattr(a, f) for f in self.FIELDS]
