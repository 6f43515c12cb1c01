"""The agent ingest API: POST /api/infrastruktur/metrik/ (Pasal 17(1)–(2))."""

import json
import time

import pytest
from django.test import Client
from django.urls import reverse

from lpse import roles
from monitoring.models import AsetStatus, Sampel, TokenAgen
from monitoring.services.metrik import json_too_deep, token_create, token_revoke
from tests.infrastruktur.factories import AsetFactory

pytestmark = pytest.mark.django_db
URL = "/api/infrastruktur/metrik/"
GB = 1024**3


def payload(**over):
    data = {
        "timestamp": time.time(),
        "hostname": "spse-app",
        "cpu": {"load1": 0.42, "pct": 12.5},
        "ram": {"total": 16 * GB, "available": 4 * GB},
        "swap": {"total": 2 * GB, "used": GB // 2},
        "disks": [
            {"mount": "/", "total": 100 * GB, "used": 85 * GB, "inodes_total": 1000, "inodes_used": 100},
            {"mount": "/var/lib/postgresql", "total": 500 * GB, "used": 100 * GB},
        ],
        "net": [{"iface": "eth0", "rx": 1000, "tx": 2000}],
    }
    data.update(over)
    return data


def post(client, body, token=None, **extra):
    if not isinstance(body, bytes | str):
        body = json.dumps(body)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(URL, body, content_type="application/json", **headers, **extra)


@pytest.fixture
def agent():
    aset = AsetFactory(nama="Server Aplikasi SPSE")
    _, clear = token_create(aset=aset)
    return aset, clear


def test_url_name_matches_the_documented_path():
    assert reverse("monitoring:api-metrik") == URL


def test_agent_post_is_stored_as_series(client, agent):
    aset, token = agent
    response = post(client, payload(), token)
    assert response.status_code == 201, response.content
    values = dict(Sampel.objects.filter(aset=aset).values_list("seri", "nilai"))
    assert values["disk.pct:/"] == 85
    assert values["disk.pct:/var/lib/postgresql"] == 20
    assert values["inode.pct:/"] == 10
    assert values["ram.avail_pct"] == 25 and values["ram.pct"] == 75
    assert values["swap.pct"] == 25
    assert values["cpu.load1"] == 0.42 and values["cpu.pct"] == 12.5
    assert AsetStatus.objects.get(aset=aset).terakhir_data is not None


def test_traffic_is_a_rate_between_two_posts(client, agent):
    aset, token = agent
    t = time.time() - 60
    post(client, payload(timestamp=t, net=[{"iface": "eth0", "rx": 1000, "tx": 5000}]), token)
    post(client, payload(timestamp=t + 10, net=[{"iface": "eth0", "rx": 11000, "tx": 5500}]), token)
    rates = dict(Sampel.objects.filter(aset=aset, seri__startswith="net.").values_list("seri", "nilai"))
    assert rates == {"net.rx:eth0": 1000.0, "net.tx:eth0": 50.0}


def test_token_is_stored_only_as_its_hash(agent):
    aset, clear = agent
    token = TokenAgen.objects.get(aset=aset)
    assert token.hash != clear and len(token.hash) == 64
    assert clear.split(".", 1)[1] not in json.dumps(list(TokenAgen.objects.values()), default=str)


def test_replayed_timestamp_is_refused(client, agent):
    aset, token = agent
    body = payload()
    assert post(client, body, token).status_code == 201
    n = Sampel.objects.count()
    response = post(client, body, token)
    assert response.status_code == 409
    assert "kiriman ulang" in response.json()["galat"]
    assert Sampel.objects.count() == n


def test_revoked_token_gets_401(client, agent):
    aset, token = agent
    token_revoke(token=TokenAgen.objects.get(aset=aset))
    response = post(client, payload(), token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def _bad_cases():
    """30+ posts an agent must not get stored: (label, body, token_kind, expected status)."""
    big = {"mount": "/", "total": 10, "used": 1}
    cases = [
        ("tanpa token", payload(), None, 401),
        ("token salah", payload(), "bad", 401),
        ("token acak tanpa titik", payload(), "raw", 401),
        ("aset tak dikenal", payload(), "unknown", 401),
        ("aset nonaktif", payload(), "inactive", 401),
        ("bukan json", b"{tidak json", "ok", 400),
        ("json daftar", [1, 2, 3], "ok", 400),
        ("json string", "halo", "ok", 400),
        ("utf8 rusak", b"\xff\xfe\xfa", "ok", 400),
        ("tanpa timestamp", {k: v for k, v in payload().items() if k != "timestamp"}, "ok", 400),
        ("timestamp string", payload(timestamp="kemarin"), "ok", 400),
        ("timestamp bool", payload(timestamp=True), "ok", 400),
        ("timestamp lama", payload(timestamp=time.time() - 3600), "ok", 400),
        ("timestamp masa depan", payload(timestamp=time.time() + 3600), "ok", 400),
        ("timestamp 1970", payload(timestamp=5), "ok", 400),
        ("ram negatif", payload(ram={"total": GB, "available": -1}), "ok", 400),
        ("ram tersedia > total", payload(ram={"total": GB, "available": 2 * GB}), "ok", 400),
        ("ram total nol", payload(ram={"total": 0, "available": 0}), "ok", 400),
        ("ram string", payload(ram={"total": "16GB", "available": 1}), "ok", 400),
        ("ram pecahan", payload(ram={"total": 1.5, "available": 1}), "ok", 400),
        ("ram bukan objek", payload(ram=[1, 2]), "ok", 400),
        ("cpu persen > 100", payload(cpu={"pct": 250}), "ok", 400),
        ("cpu load absurd", payload(cpu={"load1": 1e12}), "ok", 400),
        ("cpu NaN", b'{"timestamp": %f, "cpu": {"load1": NaN}}' % time.time(), "ok", 400),
        ("disk terpakai > total", payload(disks=[{"mount": "/", "total": 10, "used": 11}]), "ok", 400),
        ("disk mount relatif", payload(disks=[{"mount": "data", "total": 10, "used": 1}]), "ok", 400),
        ("disk mount bukan string", payload(disks=[{"mount": 7, "total": 10, "used": 1}]), "ok", 400),
        ("disk total raksasa", payload(disks=[{"mount": "/", "total": 2**70, "used": 1}]), "ok", 400),
        ("terlalu banyak disk", payload(disks=[big] * 65), "ok", 400),
        ("disks bukan daftar", payload(disks={"/": 1}), "ok", 400),
        ("inode terpakai > total", payload(disks=[{**big, "inodes_total": 5, "inodes_used": 6}]), "ok", 400),
        ("iface aneh", payload(net=[{"iface": "eth0; rm -rf /", "rx": 1, "tx": 1}]), "ok", 400),
        ("net negatif", payload(net=[{"iface": "eth0", "rx": -5, "tx": 1}]), "ok", 400),
        ("tanpa metrik", {"timestamp": time.time()}, "ok", 400),
        ("isi terlalu besar", payload(hostname="x" * 70_000), "ok", 413),
    ]
    return cases


@pytest.mark.parametrize(
    ("label", "body", "kind", "status"), _bad_cases(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_bad_agent_posts_are_refused_and_nothing_is_stored(client, agent, label, body, kind, status):
    aset, token = agent
    tokens = {
        None: None,
        "ok": token,
        "bad": token.split(".")[0] + ".salah",
        "raw": "abcdef",
        "unknown": "ffffffff.tidak-ada",
    }
    if kind == "inactive":
        aset.status = "nonaktif"
        aset.save()
        use = token
    else:
        use = tokens[kind]
    response = post(client, body, use)
    assert response.status_code == status, (label, response.content)
    assert "galat" in response.json()
    assert not Sampel.objects.exists()


def test_deeply_nested_json_is_refused_with_400_not_500(client, agent, settings):
    """Issue 11, finding 6: 20,000 nested arrays fit in the 64 KB limit and made json.loads
    raise RecursionError (a 500). Refused before parsing, with the limit named."""
    _, token = agent
    deep = b'{"timestamp": %f, "x": ' % time.time() + b"[" * 20_000 + b"]" * 20_000 + b"}"
    assert len(deep) < settings.MONITORING_METRIK_MAKS_BYTE
    response = post(client, deep, token)
    assert response.status_code == 400
    limit = settings.MONITORING_METRIK_MAKS_KEDALAMAN
    assert response.json()["galat"] == f"Struktur JSON kiriman terlalu dalam (lebih dari {limit} tingkat)."
    assert not Sampel.objects.exists()
    # Just over the limit is refused too; the limit is a setting.
    settings.MONITORING_METRIK_MAKS_KEDALAMAN = 3
    response = post(client, payload(extra={"a": {"b": {"c": 1}}}), token)
    assert response.status_code == 400 and "lebih dari 3 tingkat" in response.json()["galat"]


def test_brackets_inside_strings_do_not_count_as_nesting(client, agent):
    _, token = agent
    assert json_too_deep(b'{"a": "[[[[{{{{\\"[[[["}', 2) is False
    assert json_too_deep(b'{"a": [[1]]}', 2) is True
    response = post(client, payload(hostname="[[[[[[[[[[[[[[[[{{{{{{{{{{"), token)
    assert response.status_code == 201, response.content


def test_wrong_method_and_oversized_content_length_never_500(client, agent):
    assert client.get(URL).status_code == 405
    response = client.post(URL, b"{}", content_type="application/json", CONTENT_LENGTH="999999999")
    assert response.status_code == 413
    assert not Sampel.objects.exists()


def test_token_page_shows_the_secret_once_and_revoke_stops_the_agent(client_as):
    staff = client_as(roles.ADMIN_SISTEM)
    aset = AsetFactory()
    page = staff.post(reverse("monitoring:token-create", args=[aset.pk])).content.decode()
    token = TokenAgen.objects.get(aset=aset)
    clear = page.split("data-token>")[1].split("<")[0]
    assert clear.startswith(token.prefix + ".")
    assert clear not in staff.get(aset.get_absolute_url()).content.decode()  # never shown again
    anon = Client()
    assert post(anon, payload(), clear).status_code == 201
    staff.post(reverse("monitoring:token-revoke", args=[token.pk]))
    assert post(anon, payload(timestamp=time.time() + 1), clear).status_code == 401


def test_a_post_costs_two_queries_token_and_one_atomic_write(client, agent, django_assert_num_queries):
    """Issue 5's ingest budget (300 posts/s on 2 cores): the replay guard, the
    samples and the asset's last-data time go in one statement."""
    aset, token = agent
    with django_assert_num_queries(2):
        assert post(client, payload(), token).status_code == 201
    with django_assert_num_queries(2):
        assert post(client, payload(timestamp=time.time() + 1), token).status_code == 201
    assert AsetStatus.objects.get(aset=aset).terakhir_data.timestamp() == pytest.approx(time.time() + 1, abs=5)
    assert Sampel.objects.filter(aset=aset).values("waktu").distinct().count() == 2
