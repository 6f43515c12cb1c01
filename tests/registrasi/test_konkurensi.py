"""Rules that must hold when two requests arrive at once (real threads, real transactions)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from registrasi import services
from registrasi.forms import PendaftaranPenyediaForm
from registrasi.models import JadwalVerifikasi, Pendaftaran

from .factories import make_pendaftaran, make_slot, penyedia_data, penyedia_files

pytestmark = pytest.mark.django_db(transaction=True)


def _race(*calls):
    """Run the calls at the same moment in threads; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test looks at
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_last_place_in_a_slot_goes_to_one_applicant_only():
    slot = make_slot(kapasitas=1)
    a, b = make_pendaftaran(with_files=False), make_pendaftaran(with_files=False)
    results = _race(
        lambda: services.jadwal_book(pendaftaran=a, slot_id=slot.pk),
        lambda: services.jadwal_book(pendaftaran=b, slot_id=slot.pk),
    )
    assert sum(isinstance(r, JadwalVerifikasi) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    slot.refresh_from_db()
    assert slot.terisi == 1 == JadwalVerifikasi.objects.count()


def test_two_simultaneous_submissions_with_one_npwp_cannot_both_pass(stored_files):
    data = penyedia_data()
    forms = []
    for email in ("satu@contoh.id", "dua@contoh.id"):
        form = PendaftaranPenyediaForm({**data, "email": email}, penyedia_files())
        assert form.is_valid(), form.errors  # both pass the friendly check: neither is saved yet
        forms.append(form)
    before = stored_files()
    results = _race(
        *[
            (lambda f=f: services.pendaftaran_submit(jenis="penyedia", data=f.service_data(), files=f.files_checked))
            for f in forms
        ]
    )
    assert sum(isinstance(r, Pendaftaran) for r in results) == 1
    failed = next(r for r in results if isinstance(r, ValidationError))
    assert "NPWP" in str(failed)
    assert Pendaftaran.objects.count() == 1
    assert len(stored_files() - before) == 4  # the loser's files were removed
