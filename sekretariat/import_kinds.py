"""Import of the unit's Pegawai with their appointing SK (registered in
SekretariatConfig.ready)."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from stdnum import exceptions as stdnum_exc
from stdnum.id import nik as stdnum_nik

from lpse.imports import Column, ImportKind
from lpse.imports.base import (
    CREATE,
    UPDATE,
    RowChecker,
    check_model,
    parse_bool,
    parse_choice,
    parse_date,
    run_validator,
)

from .models import Bidang, Pegawai, SuratKeputusan
from .nip import parse_nip

HEADS = {Pegawai.Jabatan.KEPALA_UNIT, Pegawai.Jabatan.SEKRETARIS, Pegawai.Jabatan.KEPALA_BIDANG}
HEAD_RULE = {
    Pegawai.Jabatan.KEPALA_UNIT: "Pasal 6 ayat 1",
    Pegawai.Jabatan.SEKRETARIS: "Pasal 6 ayat 2",
    Pegawai.Jabatan.KEPALA_BIDANG: "Pasal 6 ayat 3",
}


def _nik(value: str) -> str:
    digits = "".join(value.split())
    if len(digits) != 16 or not digits.isascii() or not digits.isdigit():
        raise ValidationError("NIK harus 16 digit angka.")
    try:
        stdnum_nik.validate(digits)
    except stdnum_exc.ValidationError:
        raise ValidationError("NIK tidak sah: kode wilayah atau tanggal lahirnya tidak ada.") from None
    return digits


class PegawaiImport(ImportKind):
    """The people of the unit (Pasal 5, 6, 19(1)), PNS matched on NIP and
    non-PNS on NIK, each with the Keputusan Bupati that appointed them
    (Pasal 6(5)): an SK not yet recorded is recorded from the row."""

    key = "pegawai"
    label = "Pegawai"
    permission = "sekretariat.kelola_kepegawaian"
    namespace = "sekretariat"
    list_url_name = "sekretariat:pegawai-list"
    key_column = "nip"
    also_unique = ("nik",)
    description = (
        "Pegawai Unit LPSE (PNS dicocokkan dengan NIP, non-PNS dengan NIK) beserta SK pengangkatannya; SK yang "
        "belum tercatat dicatat dari baris ini."
    )
    columns = (
        Column("nama", "Nama lengkap dengan gelar", True, "Drs. Ardi Sembiring, M.Si."),
        Column("status", "PNS atau Non-PNS", False, "PNS"),
        Column("nip", "NIP 18 digit (wajib untuk PNS)", False, "198001012005011001"),
        Column("nik", "NIK 16 digit (wajib untuk non-PNS)", False, ""),
        Column("jabatan", "Kepala Unit, Sekretaris, Kepala Bidang atau Anggota", False, "Anggota"),
        Column("bidang", "Sekretariat atau nama bidang", False, "Bidang Registrasi dan Verifikasi"),
        Column("nomor_sk", "Nomor Keputusan Bupati pengangkatan", False, "188.45/123/2024", ("nomor sk",)),
        Column("tanggal_sk", "Tanggal SK", False, "2024-01-15", ("tanggal sk",)),
        Column("sk_berakhir", "Tanggal SK berakhir (kosong bila tidak berbatas)", False, ""),
        Column("jabatan_asal", "Jabatan/instansi asal", False, "Bagian Pengadaan Setdakab"),
        Column("email", "Email", False, "ardi@karokab.go.id"),
        Column("aktif", "ya/tidak", False, "ya"),
    )
    FIELDS = ["nama", "status", "nip", "nik", "jabatan", "bidang", "jabatan_asal", "email", "aktif"]

    def row_key(self, row):
        return "".join(row.get("nip", "").split()) or "".join(row.get("nik", "").split())

    def missing_key_message(self):
        return "Isi NIP (PNS) atau NIK (non-PNS): salah satunya menjadi kunci pencocokan."

    def prepare(self, rows):
        heads = {
            (p.jabatan, p.bidang): p
            for p in Pegawai.objects.filter(aktif=True, jabatan__in=HEADS).only(
                "nama", "nip", "nik", "jabatan", "bidang"
            )
        }
        sk = {
            s.nomor: s
            for s in SuratKeputusan.objects.filter(nomor__in={r.get("nomor_sk", "").strip() for _, r in rows})
        }
        return {"heads": heads, "sk": sk, "heads_in_file": {}}

    def existing(self, keys):
        out = {}
        for p in Pegawai.objects.filter(nip__in=keys).select_related("sk") | Pegawai.objects.filter(
            nik__in=keys
        ).select_related("sk"):
            out[p.nip or p.nik] = p
            if p.nik:
                out.setdefault(p.nik, p)
        return out

    def clean_row(self, row, ctx):
        check = RowChecker()
        status = check(parse_choice, row.get("status", ""), Pegawai.Status.choices, column="status", default="pns")
        nip = "".join(row.get("nip", "").split())
        nik = "".join(row.get("nik", "").split())
        if nip:
            check(run_validator, parse_nip, nip, column="nip")
        elif status == Pegawai.Status.PNS:
            check.fail("Kolom nip: pegawai PNS wajib memiliki NIP.")
        if nik:
            nik = check(run_validator, _nik, nik, column="nik") or nik
        jabatan = check(
            parse_choice, row.get("jabatan", ""), Pegawai.Jabatan.choices, column="jabatan", default="anggota"
        )
        bidang_text = row.get("bidang", "").strip()
        bidang = check(parse_choice, bidang_text, Bidang.choices, column="bidang", default="") if bidang_text else ""
        email = row.get("email", "").strip().lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                check.fail(f"Kolom email: “{email}” bukan alamat email yang sah.")
        nomor_sk = row.get("nomor_sk", "").strip()
        tanggal_sk = check(parse_date, row.get("tanggal_sk", ""), column="tanggal_sk", required=bool(nomor_sk))
        sk_berakhir = check(parse_date, row.get("sk_berakhir", ""), column="sk_berakhir")
        if tanggal_sk and sk_berakhir and sk_berakhir < tanggal_sk:
            check.fail("Tanggal SK berakhir tidak boleh sebelum tanggal SK.")
        known = ctx["sk"].get(nomor_sk)
        if known and tanggal_sk and known.tanggal != tanggal_sk:
            check.fail(
                f"SK {nomor_sk} sudah tercatat bertanggal {known.tanggal:%d-%m-%Y}, bukan {tanggal_sk:%d-%m-%Y}."
            )
        data = {
            "nama": " ".join(row.get("nama", "").split()),
            "status": status,
            "nip": nip,
            "nik": nik,
            "jabatan": jabatan,
            "bidang": bidang,
            "jabatan_asal": row.get("jabatan_asal", "").strip(),
            "email": email,
            "aktif": check(parse_bool, row.get("aktif", ""), column="aktif"),
            "_sk": (nomor_sk, tanggal_sk, sk_berakhir) if nomor_sk else None,
        }
        if not data["nama"]:
            check.fail("Kolom nama wajib diisi.")
        check.done()
        pegawai = Pegawai(**{k: data[k] for k in self.FIELDS})
        try:
            pegawai.clean()  # Pasal 6(2): the Sekretaris leads the Sekretariat; a bidang is named
        except ValidationError as exc:
            check.errors.extend(f"Kolom {f}: {' '.join(m)}" for f, m in exc.message_dict.items())
        data["bidang"] = pegawai.bidang
        check_model(Pegawai, {k: data[k] for k in self.FIELDS})
        if data["aktif"] and jabatan in HEADS:
            seat = (jabatan, pegawai.bidang)
            holder = ctx["heads"].get(seat)
            key = nip or nik
            if holder and key not in (holder.nip, holder.nik):
                check.fail(f"Jabatan ini sudah dipegang {holder.nama} yang aktif ({HEAD_RULE[jabatan]}).")
            other = ctx["heads_in_file"].get(seat)
            if other and other != key:
                check.fail(f"Jabatan ini juga diisi pegawai lain dalam berkas ({HEAD_RULE[jabatan]}).")
            ctx["heads_in_file"].setdefault(seat, key)
        check.done()
        return data

    def differs(self, existing, data):
        sk_nomor = data["_sk"][0] if data["_sk"] else None
        current = existing.sk.nomor if existing.sk_id else None
        return sk_nomor != current or any(getattr(existing, k) != data[k] for k in self.FIELDS)

    def apply(self, plan, *, record, user, progress):
        from simple_history.utils import bulk_create_with_history

        reason = f"impor #{record.pk}"
        wanted = {}
        for r in plan.rows:
            if r.action in (CREATE, UPDATE) and r.data["_sk"]:
                nomor, tanggal, berakhir = r.data["_sk"]
                wanted.setdefault(nomor, (tanggal, berakhir))
        known = {s.nomor: s for s in SuratKeputusan.objects.filter(nomor__in=wanted)}
        new_sk = [
            SuratKeputusan(nomor=n, tanggal=t, berlaku_sampai=b, perihal="Pengangkatan pegawai Unit LPSE")
            for n, (t, b) in wanted.items()
            if n not in known
        ]
        for sk in new_sk:
            sk.full_clean(exclude=["berkas"])
        bulk_create_with_history(new_sk, SuratKeputusan, default_user=user, default_change_reason=reason)
        known.update({s.nomor: s for s in SuratKeputusan.objects.filter(nomor__in=wanted)})
        total = sum(1 for r in plan.rows if r.action in (CREATE, UPDATE))
        done = 0
        # A few dozen people: saved one by one so the model's full_clean and the database
        # constraints (one Kepala Unit, one Sekretaris, one Kepala Bidang per bidang) hold.
        for r in plan.rows:
            if r.action not in (CREATE, UPDATE):
                continue
            pegawai = r.existing or Pegawai()
            for k in self.FIELDS:
                setattr(pegawai, k, r.data[k])
            pegawai.sk = known[r.data["_sk"][0]] if r.data["_sk"] else None
            pegawai._change_reason = reason
            pegawai.full_clean()
            pegawai.save()
            done += 1
            progress(done, total)

    def export_rows(self):
        for p in Pegawai.objects.select_related("sk").order_by("nama"):
            yield [
                p.nama,
                p.get_status_display(),
                p.nip,
                p.nik,
                p.get_jabatan_display(),
                p.get_bidang_display() if p.bidang else "",
                p.sk.nomor if p.sk_id else "",
                p.sk.tanggal if p.sk_id else "",
                p.sk.berlaku_sampai if p.sk_id else "",
                p.jabatan_asal,
                p.email,
                p.aktif,
            ]


def _whole_number(value: str, *, column: str) -> int:
    from lpse.imports.base import RowError

    text = (value or "").strip()
    if text.endswith(".0"):  # a number cell read back from XLSX
        text = text[:-2]
    if not text:
        return 0
    try:
        number = int(text)
    except ValueError:
        raise RowError(f"Kolom {column}: “{value}” bukan bilangan bulat.") from None
    if number < 0:
        raise RowError(f"Kolom {column}: tidak boleh negatif.")
    return number


class BarangImport(ImportKind):
    """The Sekretariat's register of non-IT equipment and consumables (Pasal 8(4)f),
    matched on the item code. ``stok_awal`` opens the balance of a new item as its
    first movement; the stock of an item already in the portal changes only by
    movements, so the column is ignored for it."""

    key = "barang"
    label = "Perlengkapan"
    permission = "sekretariat.kelola_perlengkapan"
    namespace = "sekretariat"
    list_url_name = "sekretariat:barang-list"
    key_column = "kode"
    description = (
        "Peralatan non-TI dan barang habis pakai, dicocokkan dengan kode barang. Stok awal hanya dicatat untuk "
        "barang baru (sebagai mutasi masuk); stok barang yang sudah ada berubah lewat mutasi, bukan impor."
    )
    columns = (
        Column("kode", "Kode barang", True, "ATK-001"),
        Column("nama", "Nama barang", True, "Kertas HVS A4 70 gram"),
        Column("jenis", "Peralatan atau Barang habis pakai", False, "Barang habis pakai"),
        Column("satuan", "Satuan (rim, buah, unit…)", True, "rim"),
        Column("lokasi", "Lokasi simpan", False, "Gudang Sekretariat"),
        Column("kondisi", "Baik, Rusak ringan atau Rusak berat", False, "Baik"),
        Column("stok_minimum", "Stok minimum untuk pengingat (0 = tanpa)", False, "10", ("stok minimum",)),
        Column("stok_awal", "Stok awal barang baru", False, "40", ("stok awal", "stok")),
        Column("keterangan", "Keterangan", False, ""),
        Column("aktif", "ya/tidak", False, "ya"),
    )
    FIELDS = ["kode", "nama", "jenis", "satuan", "lokasi", "kondisi", "stok_minimum", "keterangan", "aktif"]

    def existing(self, keys):
        from .models import Barang

        return {b.kode: b for b in Barang.objects.filter(kode__in=keys)}

    def clean_row(self, row, ctx):
        from .models import Barang

        check = RowChecker()
        data = {
            "kode": row.get("kode", "").strip(),
            "nama": " ".join(row.get("nama", "").split()),
            "jenis": check(
                parse_choice, row.get("jenis", ""), Barang.Jenis.choices, column="jenis", default="habis_pakai"
            ),
            "satuan": row.get("satuan", "").strip(),
            "lokasi": row.get("lokasi", "").strip(),
            "kondisi": check(
                parse_choice, row.get("kondisi", ""), Barang.Kondisi.choices, column="kondisi", default="baik"
            ),
            "stok_minimum": check(_whole_number, row.get("stok_minimum", ""), column="stok_minimum"),
            "keterangan": row.get("keterangan", "").strip(),
            "aktif": check(parse_bool, row.get("aktif", ""), column="aktif"),
            "_stok_awal": check(_whole_number, row.get("stok_awal", ""), column="stok_awal"),
        }
        if not data["nama"]:
            check.fail("Kolom nama wajib diisi.")
        if not data["satuan"]:
            check.fail("Kolom satuan wajib diisi.")
        check.done()
        check_model(Barang, {k: data[k] for k in self.FIELDS})
        return data

    def differs(self, existing, data):
        return any(getattr(existing, k) != data[k] for k in self.FIELDS)

    def apply(self, plan, *, record, user, progress):
        from simple_history.utils import bulk_create_with_history, bulk_update_with_history

        from .models import Barang, MutasiBarang

        reason = f"impor #{record.pk}"
        new = [r for r in plan.rows if r.action == CREATE]
        changed = [r for r in plan.rows if r.action == UPDATE]
        created = bulk_create_with_history(
            [Barang(**{k: r.data[k] for k in self.FIELDS}) for r in new],
            Barang,
            default_user=user,
            default_change_reason=reason,
        )
        by_kode = {b.kode: b for b in Barang.objects.filter(kode__in=[b.kode for b in created])}
        # An opening balance is the new item's first movement (never a typed-in stock).
        MutasiBarang.objects.bulk_create(
            MutasiBarang(
                barang=by_kode[r.data["kode"]],
                jenis=MutasiBarang.Jenis.MASUK,
                jumlah=r.data["_stok_awal"],
                saldo=r.data["_stok_awal"],
                keterangan=f"Stok awal ({reason})",
                dicatat_oleh=user,
            )
            for r in new
            if r.data["_stok_awal"]
        )
        for r in changed:
            for k in self.FIELDS:
                setattr(r.existing, k, r.data[k])
        bulk_update_with_history(
            [r.existing for r in changed], Barang, self.FIELDS, default_user=user, default_change_reason=reason
        )
        progress(len(new) + len(changed), len(new) + len(changed))

    def export_rows(self):
        from . import selectors

        for b in selectors.barang_with_stock().order_by("kode"):
            yield [
                b.kode,
                b.nama,
                b.get_jenis_display(),
                b.satuan,
                b.lokasi,
                b.get_kondisi_display(),
                b.stok_minimum,
                b.stok,
                b.keterangan,
                b.aktif,
            ]
