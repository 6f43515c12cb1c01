#!/usr/bin/env python3
"""Signing bench (issue 12): issuing and signing a one-page berita acara against
a bare WeasyPrint render of the same page, and the verification page.

In one process and one run: (a) ``weasyprint.HTML(string=…).write_pdf()`` of the
page's HTML; (b) what issuing and signing cost in all, on the path they take
since rendering and signing moved to Celery: ``dokumen_issue(in_background=True)``
(the request: number and HTML), ``lpse.documents.dokumen_build`` (the render
task: PDF/A-3b, KONSEP copy) and ``lpse.signing.service.tanda_tangan_run`` (the
signing task: sealed passphrase, certificate check, PKCS#12, PAdES B-LT), the
request's share reported on its own; (c) GET of ``/dokumen/verifikasi/<token>/`` (pyHanko
validation of the stored PDF). A throw-away CA and signer live in a temporary
SIGNING_DIR; the database work is rolled back. Prints one JSON object.
Budgets: (b) ≤ 3× (a) by median; (c) median < 300 ms.

    DJANGO_SETTINGS_MODULE=lpse.settings DATABASE_URL=postgres://…/lpse_bench_small \\
        .venv/bin/python -m bench.signing_bench [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


PASSPHRASE = "bench-frasa"  # noqa: S105 - a throw-away key made for this run


class _Rollback(Exception):
    pass


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpse.settings")
    signing_dir = tempfile.mkdtemp(prefix="lpse-bench-signing-")
    os.environ["SIGNING_DIR"] = signing_dir
    os.environ["SIGNING_TSA_URL"] = ""
    import django

    django.setup()

    from django.conf import settings
    from django.db import transaction
    from django.template.loader import render_to_string
    from django.test import Client
    from weasyprint import HTML

    from lpse.documents import dokumen_build, dokumen_issue, logo_data_uri, qr_svg_data_uri
    from lpse.models import User
    from lpse.signing import ca, trust
    from lpse.signing.service import passphrase_seal, sertifikat_register_pkcs12, tanda_tangan_run

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    result: dict = {}
    try:
        with transaction.atomic():
            authority = ca.make_ca(cn="CA Bench")
            trust.add_trust_root(name="bench", pem=authority.cert_pem)
            trust.put_crl(name="bench", der=ca.make_crl(ca=authority))
            user = User.objects.create_user(
                "bench-ttd@bench.invalid", "bench-pass-123", nama_lengkap="Penanda Tangan Bench"
            )
            issued = ca.issue_cert(ca=authority, cn=user.nama_lengkap, crl_url="http://127.0.0.1:9/bench.crl")
            p12 = ca.make_p12(issued=issued, ca=authority, passphrase=PASSPHRASE, name="bench")
            sertifikat_register_pkcs12(pengguna=user, p12=p12, passphrase=PASSPHRASE)
            context = {"penandatangan": user}
            template = "lpse/dokumen_contoh.html"

            # The same page as the one signed below, rendered from an issued row (warms fonts too).
            def issue_and_sign(perihal: str):
                dokumen = dokumen_issue(
                    kode="BENCH",
                    jenis="Berita Acara Bench",
                    perihal=perihal,
                    template=template,
                    context=context,
                    user=user,
                    penandatangan=[(user, "Penanda tangan")],
                    in_background=True,
                )
                answered = time.perf_counter()
                dokumen_build(dokumen_id=dokumen.pk)  # the task lpse.tasks.dokumen_render
                ttd = dokumen.tanda_tangan.get()
                if tanda_tangan_run(tanda_tangan_id=ttd.pk, sealed=passphrase_seal(PASSPHRASE)) != "ditandatangani":
                    raise SystemExit("Tanda tangan bench ditolak: " + dokumen.tanda_tangan.get().galat)
                dokumen.refresh_from_db()
                return dokumen, answered

            sample, _ = issue_and_sign("Bench")  # warms pyHanko and the KONSEP overlay
            html = render_to_string(
                template,
                {
                    "lpse": settings.LPSE,
                    "logo": logo_data_uri(),
                    **context,
                    "dokumen": sample,
                    "verify_url": "http://x/",
                    "qr": qr_svg_data_uri("http://x/"),
                },
            )
            HTML(string=html).write_pdf()  # warm fonts

            bare, signed, verify, request = [], [], [], []
            client = Client()
            for i in range(args.runs):
                t0 = time.perf_counter()
                HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf()
                bare.append(time.perf_counter() - t0)

                t0 = time.perf_counter()
                dokumen, answered = issue_and_sign(f"Bench {i}")
                signed.append(time.perf_counter() - t0)
                request.append(answered - t0)

                t0 = time.perf_counter()
                response = client.get(dokumen.get_verification_url())
                verify.append(time.perf_counter() - t0)
                if response.status_code != 200 or "sah dan isi dokumen utuh" not in response.content.decode():
                    raise SystemExit("Halaman verifikasi tidak menyatakan tanda tangan sah")
            result = {
                "runs": args.runs,
                "bare_median_seconds": round(statistics.median(bare), 4),
                "issue_sign_median_seconds": round(statistics.median(signed), 4),
                "issue_request_median_seconds": round(statistics.median(request), 4),
                "verify_median_seconds": round(statistics.median(verify), 4),
                "verify_max_seconds": round(max(verify), 4),
            }
            raise _Rollback
    except _Rollback:
        pass
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
