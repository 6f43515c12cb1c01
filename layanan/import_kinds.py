"""Imports of the Layanan dan Dukungan bidang: FAQ articles (Pasal 11(3)c)
and past trainings with their participants (Pasal 11(3)e). Registered in
LayananConfig.ready."""

from collections import defaultdict
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from lpse.imports import Column, ImportKind
from lpse.imports.base import (
    CREATE,
    SAME,
    UPDATE,
    RowChecker,
    RowError,
    bulk_write,
    check_model,
    parse_bool,
    parse_choice,
    parse_date,
)

from .models import ArtikelFaq, KategoriFaq, Pelatihan, PesertaPelatihan


class FaqImport(ImportKind):
    """FAQ articles (Pasal 11(3)c), matched on their title; a category not
    yet known is made."""

    key = "faq"
    label = "Artikel FAQ"
    permission = "lpse.akses_layanan"
    namespace = "layanan"
    list_url_name = "layanan:faq-kelola"
    key_column = "judul"
    description = "Tanya-jawab yang sering diajukan (Pasal 11 ayat 3 huruf c), dicocokkan dengan judulnya."
    columns = (
        Column("judul", "Pertanyaan/judul artikel", True, "Bagaimana cara mengganti kata sandi SPSE?", ("pertanyaan",)),
        Column("kategori", "Kategori (dibuat bila belum ada)", True, "Akun dan kata sandi"),
        Column("isi", "Jawaban", True, "Buka menu Ganti Password pada SPSE …", ("jawaban",)),
        Column("terbit", "ya/tidak: tampil di halaman publik", False, "ya"),
    )
    FIELDS = ["judul", "isi", "terbit", "kategori_id"]

    def normalise_key(self, value):
        return " ".join(value.split())

    def prepare(self, rows):
        return {"kategori": {k.nama.lower(): k.pk for k in KategoriFaq.objects.all()}}

    def existing(self, keys):
        return {a.judul: a for a in ArtikelFaq.objects.filter(judul__in=keys)}

    def clean_row(self, row, ctx):
        check = RowChecker()
        kategori = " ".join(row.get("kategori", "").split())
        isi = row.get("isi", "").strip()
        if not kategori:
            check.fail("Kolom kategori wajib diisi.")
        if not isi:
            check.fail("Kolom isi (jawaban) wajib diisi.")
        data = {
            "judul": self.normalise_key(row.get("judul", "")),
            "isi": isi,
            "terbit": check(parse_bool, row.get("terbit", ""), column="terbit"),
            "kategori_id": ctx["kategori"].get(kategori.lower()),
            "_kategori": kategori,
        }
        check.done()
        check_model(ArtikelFaq, data)
        check_model(KategoriFaq, {"nama": kategori})
        return data

    def differs(self, existing, data):
        if data["kategori_id"] is None:
            return True  # a new category
        return any(getattr(existing, k) != data[k] for k in self.FIELDS)

    def apply(self, plan, *, record, user, progress):
        reason = f"impor #{record.pk}"
        names = {
            r.data["_kategori"] for r in plan.rows if r.action in (CREATE, UPDATE) and r.data["kategori_id"] is None
        }
        have = {k.nama.lower(): k.pk for k in KategoriFaq.objects.all()}
        new = []
        for nama in sorted(names):
            if nama.lower() not in have:
                have[nama.lower()] = None
                new.append(KategoriFaq(nama=nama))
        bulk_create_with_history(new, KategoriFaq, default_user=user, default_change_reason=reason)
        have.update({k.nama.lower(): k.pk for k in KategoriFaq.objects.all()})
        for r in plan.rows:
            if r.action in (CREATE, UPDATE):
                r.data["kategori_id"] = have[r.data["_kategori"].lower()]
        bulk_write(
            plan,
            model=ArtikelFaq,
            fields=self.FIELDS,
            user=user,
            progress=progress,
            reason=reason,
            on_create={"dibuat_oleh": user},
        )

    def export_rows(self):
        for a in ArtikelFaq.objects.select_related("kategori").order_by("kategori__urutan", "judul"):
            yield [a.judul, a.kategori.nama, a.isi, a.terbit]


def _at(day, hhmm: str, column: str):
    """A Jakarta datetime from a date and "HH:MM"."""
    text = (hhmm or "").strip() or ("08:00" if column == "jam_mulai" else "16:00")
    try:
        t = time.fromisoformat(text if len(text) > 4 else "0" + text)
    except ValueError:
        raise RowError(f"Kolom {column}: “{hhmm}” bukan jam (pakai format JJ:MM).") from None
    return timezone.make_aware(datetime.combine(day, t))


class PelatihanImport(ImportKind):
    """Past trainings and socialisations (Pasal 11(3)e) with their
    participants: one row per participant, the training named on each row.
    A participant is matched on training (topic and date) and email."""

    key = "pelatihan"
    label = "Riwayat pelatihan dan peserta"
    permission = "lpse.akses_layanan"
    namespace = "layanan"
    list_url_name = "layanan:pelatihan-kelola"
    key_column = "email"
    description = (
        "Pelatihan dan sosialisasi yang sudah berlangsung (Pasal 11 ayat 3 huruf e) beserta pesertanya: satu baris "
        "per peserta. Peserta dicocokkan dengan topik, tanggal pelatihan dan emailnya."
    )
    columns = (
        Column("topik", "Topik pelatihan", True, "Sosialisasi SPSE 4.5 bagi penyedia"),
        Column("sasaran", "Penyedia, PPK, Pokja/Pejabat Pengadaan, PA/KPA atau Umum", False, "Penyedia"),
        Column("tanggal", "Tanggal pelatihan", True, "2024-05-21"),
        Column("jam_mulai", "Jam mulai (JJ:MM)", False, "09:00"),
        Column("jam_selesai", "Jam selesai (JJ:MM)", False, "15:00"),
        Column("pelatih", "Nama pelatih/narasumber", True, "Tim LPSE"),
        Column("nama", "Nama peserta", True, "Rina Ginting", ("nama peserta",)),
        Column("email", "Email peserta", True, "rina@contoh.id", ("email peserta",)),
        Column("instansi", "Instansi/perusahaan peserta", False, "CV Maju"),
        Column("telepon", "Telepon peserta", False, "0812 6000 1234"),
        Column("hadir", "ya/tidak", False, "ya"),
    )
    PESERTA_FIELDS = ["nama", "email", "instansi", "telepon", "hadir"]

    def row_key(self, row):
        topik = " ".join(row.get("topik", "").split())
        email = row.get("email", "").strip().lower()
        return f"{topik} | {row.get('tanggal', '').strip()} | {email}" if email else ""

    def missing_key_message(self):
        return "Kolom email (email peserta) wajib diisi."

    def existing(self, keys):
        topics = {k.split(" | ")[0] for k in keys}
        out = {}
        for p in PesertaPelatihan.objects.filter(pelatihan__topik__in=topics).select_related("pelatihan"):
            day = timezone.localtime(p.pelatihan.mulai).date().isoformat()
            out[f"{p.pelatihan.topik} | {day} | {p.email.lower()}"] = p
        return out

    def plan(self, rows):
        # Dates are written many ways; key on the parsed date so "21/05/2024" matches "2024-05-21".
        for _, row in rows:
            try:
                day = parse_date(row.get("tanggal", ""), column="tanggal")
            except RowError:
                continue
            if day:
                row["tanggal"] = day.isoformat()
        return super().plan(rows)

    def clean_row(self, row, ctx):
        check = RowChecker()
        topik = " ".join(row.get("topik", "").split())
        day = check(parse_date, row.get("tanggal", ""), column="tanggal", required=True)
        mulai = selesai = None
        if day:
            mulai = check(_at, day, row.get("jam_mulai", ""), "jam_mulai")
            selesai = check(_at, day, row.get("jam_selesai", ""), "jam_selesai")
            if mulai and selesai and selesai <= mulai:
                check.fail("Jam selesai harus setelah jam mulai.")
            if day > timezone.localdate():
                check.fail("Impor ini untuk pelatihan yang sudah berlangsung; tanggalnya di masa depan.")
        email = row.get("email", "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            check.fail(f"Kolom email: “{email}” bukan alamat email yang sah.")
        for col in ("topik", "pelatih", "nama"):
            if not row.get(col, "").strip():
                check.fail(f"Kolom {col} wajib diisi.")
        data = {
            "nama": " ".join(row.get("nama", "").split()),
            "email": email,
            "instansi": row.get("instansi", "").strip(),
            "telepon": row.get("telepon", "").strip(),
            "hadir": check(parse_bool, row.get("hadir", ""), column="hadir", default=True),
            "_topik": topik,
            "_tanggal": day,
            "_sasaran": check(
                parse_choice, row.get("sasaran", ""), Pelatihan.Sasaran.choices, column="sasaran", default="umum"
            ),
            "_mulai": mulai,
            "_selesai": selesai,
            "_pelatih": row.get("pelatih", "").strip(),
        }
        check.done()
        check_model(PesertaPelatihan, {k: data[k] for k in self.PESERTA_FIELDS})
        check_model(Pelatihan, {"topik": topik, "pelatih": data["_pelatih"]})
        return data

    def differs(self, existing, data):
        return any(getattr(existing, k) != data[k] for k in self.PESERTA_FIELDS)

    def apply(self, plan, *, record, user, progress):
        reason = f"impor #{record.pk}"
        sessions: dict[tuple, list] = defaultdict(list)
        for r in plan.rows:
            if r.action in (CREATE, UPDATE, SAME):
                sessions[(r.data["_topik"], r.data["_tanggal"])].append(r)
        found = {}
        for p in Pelatihan.objects.filter(topik__in={t for t, _ in sessions}):
            found.setdefault((p.topik, timezone.localtime(p.mulai).date()), p)
        new = []
        for (topik, day), members in sessions.items():
            if (topik, day) in found:
                continue
            first = members[0].data
            pelatihan = Pelatihan(
                topik=topik,
                sasaran=first["_sasaran"],
                mulai=first["_mulai"],
                selesai=first["_selesai"],
                pelatih=first["_pelatih"],
                kapasitas=max(1, len(members)),
                # Published so the Laporan Kegiatan counts it; the public list shows only
                # upcoming sessions, so a past one is never offered for sign-up.
                terbit=True,
                dibuat_oleh=user,
                uraian=f"Diimpor dari riwayat pelatihan (impor #{record.pk}).",
            )
            pelatihan.full_clean(exclude=["ruang"])
            new.append(pelatihan)
            found[(topik, day)] = pelatihan
        bulk_create_with_history(new, Pelatihan, default_user=user, default_change_reason=reason)
        creates, updates = [], []
        for r in plan.rows:
            if r.action == CREATE:
                p = PesertaPelatihan(
                    pelatihan=found[(r.data["_topik"], r.data["_tanggal"])],
                    status=PesertaPelatihan.Status.TERDAFTAR,
                    **{k: r.data[k] for k in self.PESERTA_FIELDS},
                )
                creates.append(p)
            elif r.action == UPDATE:
                for k in self.PESERTA_FIELDS:
                    setattr(r.existing, k, r.data[k])
                updates.append(r.existing)
        bulk_create_with_history(creates, PesertaPelatihan, default_user=user, default_change_reason=reason)
        if updates:
            bulk_update_with_history(
                updates, PesertaPelatihan, self.PESERTA_FIELDS, default_user=user, default_change_reason=reason
            )
        progress(1, 1)

    def export_rows(self):
        qs = PesertaPelatihan.objects.select_related("pelatihan").exclude(status=PesertaPelatihan.Status.BATAL)
        for p in qs.order_by("pelatihan__mulai", "pelatihan_id", "nama"):
            t = p.pelatihan
            yield [
                t.topik,
                t.get_sasaran_display(),
                timezone.localtime(t.mulai).date(),
                timezone.localtime(t.mulai).strftime("%H:%M"),
                timezone.localtime(t.selesai).strftime("%H:%M"),
                t.pelatih,
                p.nama,
                p.email,
                p.instansi,
                p.telepon,
                p.hadir,
            ]
