"""Who may read each kind of official document (``Dokumen.kode``).

Every staff role holds ``lpse.view_dokumen``; that permission opens the list,
not every PDF. A kind is read by the bidang that issued it, its Kepala Bidang
and the Kepala Unit, who leads the unit's daily operation (Pasal 7(2)a).
Kinds that hold personal data (NIK, NPWP, addresses of applicants) are marked
so every download is audited (lpse.services.dokumen_download_record).

A kind not listed here is read only by the Kepala Unit and the Sekretaris
(fail closed); tests/lpse/test_dokumen_akses.py fails when code issues a kind
that is not listed.
"""

from dataclasses import dataclass

from . import roles


@dataclass(frozen=True)
class DocumentKind:
    readers: frozenset[str]
    personal_data: bool
    pasal: str


_REGISTRASI = frozenset({roles.REGISTRASI, roles.KABID_REGISTRASI, roles.KEPALA_UNIT})
_LAYANAN = frozenset({roles.LAYANAN, roles.KABID_LAYANAN, roles.KEPALA_UNIT})
_ADMIN_SISTEM = frozenset({roles.ADMIN_SISTEM, roles.KABID_ADMIN_SISTEM, roles.KEPALA_UNIT})
_SEKRETARIAT = frozenset({roles.SEKRETARIAT, roles.SEKRETARIS, roles.KEPALA_UNIT})

KINDS: dict[str, DocumentKind] = {
    # Registration forms, berita acara verifikasi and receipts carry the full
    # NIK and NPWP: the Bidang Registrasi dan Verifikasi keeps the users'
    # documents and archive (Pasal 10(3)d, 10(6)e; forms of Pasal 13(1)a, 13(6)).
    "FPD": DocumentKind(_REGISTRASI, personal_data=True, pasal="Pasal 10(3)d, 13(1)a, 13(6)"),
    "FKS": DocumentKind(_REGISTRASI, personal_data=True, pasal="Pasal 10(3)d, 13(1)a, 13(6)"),
    "BAV": DocumentKind(_REGISTRASI, personal_data=True, pasal="Pasal 10(3)c–d, 13(2)"),
    "TTA": DocumentKind(_REGISTRASI, personal_data=True, pasal="Pasal 10(3)d"),
    # Berita acara kesaksian (Pasal 15(2)) and training certificates (Pasal 11(4)b).
    "BA-KSK": DocumentKind(_LAYANAN, personal_data=False, pasal="Pasal 15(2)"),
    "SERT-PLT": DocumentKind(_LAYANAN, personal_data=True, pasal="Pasal 11(4)b"),
    # Daily monitoring report (Pasal 17) and backup minutes (Pasal 18).
    "MON": DocumentKind(_ADMIN_SISTEM, personal_data=False, pasal="Pasal 9(3), 17"),
    "BA-BCK": DocumentKind(_ADMIN_SISTEM, personal_data=False, pasal="Pasal 18"),
    # The Laporan Kegiatan the Kepala Unit writes (Pasal 7(2)c) from the Sekretariat's data (Pasal 8(4)i).
    "LK": DocumentKind(_SEKRETARIAT, personal_data=False, pasal="Pasal 7(2)c, 8(4)i"),
    # The yearly stock-take of perlengkapan and rumah tangga, signed by the Sekretaris (Pasal 8(4)f).
    "BA-INV": DocumentKind(_SEKRETARIAT, personal_data=False, pasal="Pasal 8(4)f"),
    # The sample document shows the letterhead and numbering to every staff member.
    "CONTOH": DocumentKind(frozenset(roles.STAFF_ROLES), personal_data=False, pasal="-"),
}
UNLISTED = DocumentKind(frozenset({roles.KEPALA_UNIT, roles.SEKRETARIS}), personal_data=True, pasal="-")


def kind_of(kode: str) -> DocumentKind:
    return KINDS.get(kode, UNLISTED)


def readable_kinds(user) -> list[str] | None:
    """The kinds ``user`` may read; None means every kind (the technical admin)."""
    if user.is_superuser:
        return None
    names = set(user.groups.values_list("name", flat=True))
    return [kode for kode, kind in KINDS.items() if kind.readers & names]


def can_read(user, kode: str) -> bool:
    if user.is_superuser:
        return True
    names = set(user.groups.values_list("name", flat=True))
    return bool(kind_of(kode).readers & names)
