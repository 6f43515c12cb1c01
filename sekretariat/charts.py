"""Chart data of the Laporan Kegiatan: Chart.js on the page, and plain SVG bars
rendered on the server for the PDF (WeasyPrint runs no JavaScript)."""

import base64
from html import escape

BAR_COLOR = "#0b4f6c"


def _pairs(mapping) -> list[tuple[str, float]]:
    """A breakdown (dict, or [key, value] pairs as stored in a report) as chart pairs."""
    items = mapping.items() if isinstance(mapping, dict) else (mapping or [])
    return [(str(k), float(v or 0)) for k, v in items]


def _chart(key: str, title: str, pairs: list[tuple[str, float]], unit: str = "") -> dict:
    """One chart; ``text`` holds its numbers for the canvas's aria-label (issue 13)."""
    from django.utils.formats import number_format

    text = "; ".join(
        f"{label} {number_format(value, decimal_pos=None, force_grouping=True)}{unit}" for label, value in pairs
    )
    return {
        "key": key,
        "title": title,
        "labels": [p[0] for p in pairs],
        "values": [p[1] for p in pairs],
        "unit": unit,
        "text": f"{title}: {text}",
    }


def public_charts(figures: dict) -> list[dict]:
    """The charts of the public statistics page (/statistik/): only the published figures
    (report.PUBLIC_KEYS), a figure without data left out rather than drawn as zero."""
    reg = figures.get("registrasi") or {}
    lay = figures.get("layanan") or {}
    infra = figures.get("infrastruktur") or {}

    def pairs(source, items):
        return [(label, float(source[key])) for key, label in items if source.get(key) is not None]

    charts = []
    for key, title, data, unit in (
        (
            "layanan",
            "Pendaftaran dan tiket",
            pairs(reg, [("pendaftaran_masuk", "Pendaftaran masuk"), ("terverifikasi", "Pendaftaran disetujui")])
            + pairs(lay, [("tiket_masuk", "Tiket masuk"), ("tiket_selesai", "Tiket terselesaikan")]),
            "",
        ),
        ("kanal", "Tiket menurut kanal", _pairs(lay.get("tiket_per_kanal")), ""),
        (
            "pelatihan",
            "Pelatihan dan peserta",
            pairs(lay, [("pelatihan", "Pelatihan/sosialisasi"), ("peserta_pelatihan", "Peserta pelatihan")]),
            "",
        ),
        (
            "persen",
            "Kepatuhan SLA dan uptime (%)",
            pairs(lay, [("sla_terpenuhi_persen", "Kepatuhan SLA")]) + pairs(infra, [("uptime_persen", "Uptime")]),
            "%",
        ),
    ):
        if data:
            charts.append(_chart(key, title, data, unit))
    return charts


def report_charts(data: dict, *, svg: bool = False) -> list[dict]:
    """The charts of a report's data; bidang without data give no chart."""
    figures = data.get("figures", {})
    charts = []

    def add(key, title, pairs, unit=""):
        if not key or not pairs:
            return
        chart = _chart(key, title, pairs, unit)
        if svg:
            chart["svg"] = svg_bars(pairs, unit=unit)
        charts.append(chart)

    pk = data.get("program_kerja", {})
    add(
        "program",
        "Capaian program kerja per bidang (%)",
        [(r["label"], r["progres"]) for r in pk.get("per_bidang", [])],
        "%",
    )
    reg = figures.get("registrasi") or {}
    add("registrasi", "Pendaftaran menurut status", _pairs(reg.get("pendaftaran_per_status")))
    lay = figures.get("layanan") or {}
    add("kanal", "Tiket menurut kanal", _pairs(lay.get("tiket_per_kanal")))
    add("kategori", "Tiket menurut kategori", _pairs(lay.get("tiket_per_kategori")))
    add("ruang", "Pemakaian ruang layanan", _pairs(lay.get("pemakaian_ruang")))
    sek = figures.get("sekretariat") or {}
    add(
        "naskah" if sek else "",
        "Naskah dinas teragenda",
        [
            ("Surat masuk", sek.get("surat_masuk", 0)),
            ("Surat keluar", sek.get("surat_keluar", 0)),
            ("Telaahan staf", sek.get("telaahan", 0)),
        ],
    )
    add("pegawai", "Pegawai aktif per bidang", _pairs(sek.get("pegawai_per_bidang")))
    return charts


def svg_bars(pairs: list[tuple[str, float]], *, unit: str = "", width: int = 560) -> str:
    """A horizontal bar chart as an SVG data URI (labels and values escaped)."""
    row, label_w, pad = 22, 240, 6
    height = row * len(pairs) + pad * 2
    top = max((v for _, v in pairs), default=0) or 1
    bar_w = width - label_w - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="DejaVu Sans, sans-serif" font-size="11">'
    ]
    for i, (label, value) in enumerate(pairs):
        y = pad + i * row
        w = max(1, round(value / top * bar_w)) if value else 0
        text = f"{value:g}{unit}"
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label[:40])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row - 8}" fill="{BAR_COLOR}"/>')
        parts.append(f'<text x="{label_w + w + 4}" y="{y + 15}">{escape(text)}</text>')
    parts.append("</svg>")
    return "data:image/svg+xml;base64," + base64.b64encode("".join(parts).encode()).decode()
