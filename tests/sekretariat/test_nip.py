import pytest
from django.core.exceptions import ValidationError

from sekretariat.nip import parse_nip


def test_valid_nip_splits_into_birth_date_appointment_sex_and_sequence():
    parts = parse_nip("198503122010031002")
    assert str(parts.lahir) == "1985-03-12"
    assert str(parts.pengangkatan) == "2010-03-01"
    assert parts.jenis_kelamin == "L"
    assert parts.urut == 2
    assert parse_nip("199001012015022001").jenis_kelamin == "P"


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19850312201003100", "nip_format"),  # 17 digits
        ("1985031220100310AB", "nip_format"),
        ("198502302010031002", "nip_lahir"),  # 30 February
        ("198513012010031002", "nip_lahir"),  # month 13
        ("198503122010131002", "nip_tmt"),  # appointment month 13
        ("198503121980031002", "nip_tmt"),  # appointed before birth
        ("198503122010033002", "nip_jk"),  # sex digit 3
        ("198503122010031000", "nip_urut"),  # sequence 000
    ],
)
def test_nip_with_a_broken_part_is_refused_with_an_indonesian_message(nip, code):
    with pytest.raises(ValidationError) as exc:
        parse_nip(nip)
    assert exc.value.code == code
    assert "NIP" in exc.value.messages[0]


def test_pns_without_nip_cannot_be_saved(db):
    from sekretariat.models import Pegawai

    p = Pegawai(nama="Tanpa NIP", status=Pegawai.Status.PNS, jabatan="anggota", bidang="layanan")
    with pytest.raises(ValidationError) as exc:
        p.full_clean()
    assert "nip" in exc.value.message_dict
    Pegawai(nama="Honorer", status=Pegawai.Status.NON_PNS, jabatan="anggota", bidang="layanan").full_clean()
