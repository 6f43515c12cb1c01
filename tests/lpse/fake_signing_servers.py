"""Local stand-ins for the edges we don't own, as real HTTP servers on loopback:

- ``FakeRemoteSigner``: a BSrE-style signing service with its own CA. It
  keeps each official's key under their NIK and signs a hash when the
  passphrase is right; it publishes its CRL, which the portal fetches.
- ``FakeTSA``: an RFC 3161 timestamp authority (pyHanko's DummyTimeStamper
  answering ``application/timestamp-query`` over HTTP).
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from lpse.signing import ca


class _Server:
    handler_cls: type[BaseHTTPRequestHandler]

    def start(self) -> str:
        outer = self

        class Handler(self.handler_cls):
            server_state = outer

            def log_message(self, *args):  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        return self.url

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _RemoteHandler(BaseHTTPRequestHandler):
    server_state: FakeRemoteSigner

    def _json(self, code: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802 - http.server's name
        state = self.server_state
        if self.path == "/crl/remote.crl":
            data = ca.make_crl(ca=state.ca, revoked=state.revoked)
            self.send_response(200)
            self.send_header("Content-Type", "application/pkix-crl")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        parts = self.path.strip("/").split("/")
        if len(parts) == 4 and parts[:2] == ["api", "user"] and parts[3] == "certificate":
            user = state.users.get(parts[2])
            if user is None:
                return self._json(404, {"error": "NIK tidak terdaftar"})
            chain = (user["issued"].cert_pem + state.ca.cert_pem).decode()
            return self._json(200, {"certificate_chain": chain})
        return self._json(404, {"error": "tidak ada"})

    def do_POST(self):  # noqa: N802
        state = self.server_state
        if self.path != "/api/sign/hash":
            return self._json(404, {"error": "tidak ada"})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        user = state.users.get(body.get("nik"))
        if user is None:
            return self._json(404, {"error": "NIK tidak terdaftar"})
        if body.get("passphrase") != user["passphrase"]:
            state.refused += 1
            return self._json(401, {"error": "passphrase salah"})
        if body.get("hash_algorithm") != "SHA256":
            return self._json(400, {"error": "algoritma tidak didukung"})
        digest = base64.b64decode(body["hash"])
        signature = user["issued"].key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
        state.signed += 1
        return self._json(200, {"signature": base64.b64encode(signature).decode()})


class FakeRemoteSigner(_Server):
    handler_cls = _RemoteHandler

    def __init__(self):
        self.ca = ca.make_ca(cn="CA Uji Layanan TTE", org="Balai Sertifikasi Uji")
        self.users: dict[str, dict] = {}
        self.revoked: list = []
        self.signed = 0
        self.refused = 0

    def enrol(self, *, nik: str, nama: str, passphrase: str) -> ca.Issued:
        issued = ca.issue_cert(
            ca=self.ca, cn=nama, org="Balai Sertifikasi Uji", serial_extra=nik, crl_url=self.url + "/crl/remote.crl"
        )
        self.users[nik] = {"passphrase": passphrase, "issued": issued}
        return issued


class _TSAHandler(BaseHTTPRequestHandler):
    server_state: FakeTSA

    def do_POST(self):  # noqa: N802
        state = self.server_state
        req = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
        resp = state.stamper.request_tsa_response(req).dump()
        state.requests += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(resp)))
        self.end_headers()
        self.wfile.write(resp)


class FakeTSA(_Server):
    handler_cls = _TSAHandler

    def __init__(self):
        from pyhanko.sign.timestamps import DummyTimeStamper

        self.ca = ca.make_ca(cn="CA Uji TSA", org="TSA Uji")
        tsa = ca.issue_cert(ca=self.ca, cn="TSA Uji", org="TSA Uji", timestamping=True)
        self.stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(tsa.cert.public_bytes(Encoding.DER)),
            tsa_key=asn1_keys.PrivateKeyInfo.load(
                tsa.key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
            ),
            certs_to_embed=[asn1_x509.Certificate.load(self.ca.cert.public_bytes(Encoding.DER))],
        )
        self.requests = 0
