"""Staff ticket pages: queue, detail, replies, status, assignment, merge, escalation, berita acara (Pasal 15)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.documents import dokumen_file_response
from lpse.pagecache import cached_page

from .. import selectors, services, sla
from ..forms import (
    BalasForm,
    BeritaAcaraForm,
    EskalasiForm,
    FaqLinkForm,
    GabungForm,
    JawabanEskalasiForm,
    PrioritasForm,
    StaffTiketForm,
    StatusForm,
    TugasForm,
)
from ..models import (
    BeritaAcaraKesaksian,
    Eskalasi,
    Kategori,
    Prioritas,
    Status,
    Tiket,
    TiketLampiran,
)
from .common import PERM, _errors, _layanan_staff, _layanan_staff_choices


@staff_permission_required(PERM)
@cached_page
def index(request):
    """The staff queue: open tickets, the next SLA deadline first (Pasal 11, 15)."""
    filters = {k: request.GET.get(k, "") for k in ("status", "kategori", "prioritas", "petugas", "q")}
    if filters["status"] not in Status.values:
        filters["status"] = ""
    if filters["kategori"] not in Kategori.values:
        filters["kategori"] = ""
    if filters["prioritas"] not in {str(p) for p in Prioritas.values}:
        filters["prioritas"] = ""
    period = _period(request)
    try:
        # Deep pages are refused rather than scanned: nobody reads page 2,000 of a queue.
        page_number = min(max(int(request.GET.get("halaman", "1")), 1), 2000)
    except ValueError:
        page_number = 1
    page = selectors.tiket_queue(filters={**filters, **period, "user": request.user}, page=page_number)
    now = timezone.now()
    for t in page.object_list:
        t.sla_state = sla.state(t, now=now)
    query = "&".join(f"{k}={v}" for k, v in {**filters, **period}.items() if v)
    context = {
        "page": page,
        "filters": filters,
        "query": query,
        "statuses": Status.choices,
        "kategori": Kategori.choices,
        "prioritas": Prioritas.choices,
        "period": period,
    }
    return render(request, "layanan/index.html", context)


def _period(request) -> dict:
    """The period filters of a dashboard link (``dibuat_dari=2026-11-01`` …); a malformed date is ignored."""
    from datetime import date

    out: dict = {}
    for key in selectors.PERIOD_FILTERS:
        value = request.GET.get(key, "")
        if key == "sla":
            if value == "tepat":
                out[key] = value
            continue
        try:
            out[key] = date.fromisoformat(value) if value else None
        except ValueError:
            out[key] = None
    return {k: v for k, v in out.items() if v}


@staff_permission_required(PERM)
def tiket_catat(request):
    """Staff log a request that came by phone, visit, email or letter (Pasal 11 ayat 3 huruf a)."""
    form = StaffTiketForm(request.POST or None, request.FILES or None, saran_url=reverse("layanan:faq-saran"))
    if request.method == "POST" and form.is_valid():
        try:
            tiket = services.tiket_create(
                data=form.tiket_data(),
                files=form.cleaned_data["lampiran"],
                dicatat_oleh=request.user,
                kanal=form.cleaned_data["kanal"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Tiket {tiket.nomor} tercatat.")
            return redirect(tiket)
    return render(request, "layanan/tiket_catat.html", {"form": form}, status=400 if form.errors else 200)


def _get_tiket_for_staff(pk: int) -> Tiket:
    try:
        return selectors.tiket_for_staff(pk)
    except Tiket.DoesNotExist:
        raise Http404("Tiket tidak ditemukan.") from None


def _detail(request, tiket: Tiket, status=200, **forms):
    """The staff page of a ticket.

    The forms a helpdesk agent rarely needs (priority, escalation, merge, FAQ
    link, berita acara) are not built here: the page holds a <details> that
    loads each when opened (``tiket_bagian``), unless a POST of that form failed
    and its errors must be shown in place.
    """
    now = timezone.now()
    allowed = services.TRANSITIONS[Status(tiket.status)]
    status_form = forms.get("status_form") or StatusForm()
    status_form.fields["status"].choices = [c for c in Status.choices if c[0] in allowed]
    failed = forms.get("jawab_form")
    for e in tiket.eskalasi.all():
        if e.dijawab is None:
            mine = failed is not None and forms.get("eskalasi_pk") == e.pk
            e.jawab_form = failed if mine else JawabanEskalasiForm(auto_id=f"jw{e.pk}_%s")
    context = {
        "tiket": tiket,
        "sla_state": sla.state(tiket, now=now),
        "respons_tepat": sla.response_met(tiket),
        "selesai_tepat": sla.resolution_met(tiket),
        "eskalasi_jam": round(selectors.escalated_seconds(tiket, now=now) / 3600, 1),
        "jeda_jam": round(tiket.jeda_detik / 3600, 1),
        "batas_buka": selectors.reopen_deadline(tiket),
        "templat": selectors.balasan_templat(tiket.kategori),
        "balas_form": forms.get("balas_form") or BalasForm(),
        "status_form": status_form,
        "tugas_form": forms.get("tugas_form")
        or TugasForm(
            initial={"petugas": tiket.petugas_id}, petugas_qs=_layanan_staff(), choices=_layanan_staff_choices()
        ),
        # Failed POSTs of the lazily loaded forms: shown in place, opened.
        "bagian_gagal": {name: forms[key] for name, key in BAGIAN_FORM_KEYS.items() if forms.get(key) is not None},
        "history": tiket.history.select_related("history_user")[:20],
    }
    return render(request, "layanan/tiket_detail.html", context, status=status)


# The lazily loaded sections of the ticket page and the _detail keyword of each one's failed form.
BAGIAN_FORM_KEYS = {"prioritas": "prioritas_form", "eskalasi": "eskalasi_form", "gabung": "gabung_form"}
BAGIAN = ("prioritas", "eskalasi", "gabung", "faq", "berita-acara")


def _bagian_context(tiket: Tiket, bagian: str) -> dict:
    if bagian == "prioritas":
        return {"form": PrioritasForm(initial={"urgensi": tiket.urgensi, "dampak": tiket.dampak})}
    if bagian == "eskalasi":
        return {"form": EskalasiForm()}
    if bagian == "gabung":
        return {"form": GabungForm(), "duplikat": tiket.duplikat.only("id")}
    if bagian == "faq":
        return {"form": FaqLinkForm(initial={"artikel": tiket.artikel_solusi_id})}
    return {"berita_acara": tiket.berita_acara.select_related("dokumen")}


@staff_permission_required(PERM)
def tiket_bagian(request, pk: int, bagian: str):
    """One rarely used section of the ticket page, loaded when its <details> opens (HTMX);
    without HTMX, the same section on a page of its own."""
    if bagian not in BAGIAN:
        raise Http404("Bagian tidak dikenal.")
    tiket = get_object_or_404(Tiket.objects.select_related("artikel_solusi"), pk=pk)
    context = {"tiket": tiket, "bagian": bagian, **_bagian_context(tiket, bagian)}
    template = "layanan/_tiket_bagian.html" if request.htmx else "layanan/tiket_bagian.html"
    return render(request, template, context)


@staff_permission_required(PERM)
@cached_page
def tiket_detail(request, pk: int):
    return _detail(request, _get_tiket_for_staff(pk))


def _flash_fail(request, pk: int, exc: ValidationError):
    messages.error(request, _errors(exc))
    tiket = _get_tiket_for_staff(pk)
    return _detail(request, tiket, status=400)


def _act(request, pk: int, form, form_key: str, run, message, *, field=None, **extra):
    """The shape of every form action on the ticket page: a valid form calls its service and
    goes to the ticket the service returns with a success message; an invalid form, or a
    service refusal, shows the ticket page again with the form's errors and a 400."""
    if form.is_valid():
        try:
            target = run(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(field, exc)
        else:
            messages.success(request, message(target) if callable(message) else message)
            return redirect(target)
    return _detail(request, _get_tiket_for_staff(pk), status=400, **{form_key: form}, **extra)


@require_POST
@staff_permission_required(PERM)
def tiket_balas(request, pk: int):
    """A public reply (mailed to the requester) or an internal note."""
    tiket = get_object_or_404(Tiket, pk=pk)

    def run(data):
        services.tiket_reply(
            tiket=tiket,
            author=request.user,
            body=data["isi"],
            public=data["jenis"] == "publik",
            files=data["lampiran"],
            set_status=data["status"] or None,
        )
        return tiket

    return _act(request, pk, BalasForm(request.POST, request.FILES), "balas_form", run, "Balasan tersimpan.")


@require_POST
@staff_permission_required(PERM)
def tiket_status(request, pk: int):
    tiket = get_object_or_404(Tiket, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.tiket_set_status(
                tiket=tiket,
                status=form.cleaned_data["status"],
                user=request.user,
                keterangan=form.cleaned_data["keterangan"],
            )
        except ValidationError as exc:
            return _flash_fail(request, pk, exc)
        messages.success(request, "Status diubah.")
        return redirect(tiket)
    return _detail(request, _get_tiket_for_staff(pk), status=400, status_form=form)


@require_POST
@staff_permission_required(PERM)
def tiket_tugas(request, pk: int):
    tiket = get_object_or_404(Tiket, pk=pk)
    form = TugasForm(request.POST, petugas_qs=_layanan_staff())
    if form.is_valid():
        try:
            services.tiket_assign(tiket=tiket, petugas=form.cleaned_data["petugas"], user=request.user)
        except ValidationError as exc:
            return _flash_fail(request, pk, exc)
        messages.success(request, "Petugas ditetapkan.")
        return redirect(tiket)
    return _detail(request, _get_tiket_for_staff(pk), status=400, tugas_form=form)


@require_POST
@staff_permission_required(PERM)
def tiket_prioritas(request, pk: int):
    tiket = get_object_or_404(Tiket, pk=pk)
    form = PrioritasForm(request.POST)
    if not form.is_valid():
        return _flash_fail(request, pk, ValidationError("Pilih urgensi dan dampak."))
    services.tiket_set_priority(tiket=tiket, user=request.user, **form.cleaned_data)
    messages.success(request, "Prioritas diubah; batas waktu SLA dihitung ulang.")
    return redirect(tiket)


@require_POST
@staff_permission_required(PERM)
def tiket_gabung(request, pk: int):
    """Merge this (duplicate) ticket into another one."""
    tiket = get_object_or_404(Tiket, pk=pk)
    return _act(
        request,
        pk,
        GabungForm(request.POST),
        "gabung_form",
        lambda data: services.tiket_merge(duplikat=tiket, ke=data["ke"], user=request.user),
        lambda ke: f"Tiket {tiket.nomor} digabung ke {ke.nomor}.",
        field="ke",
    )


@require_POST
@staff_permission_required(PERM)
def tiket_eskalasi(request, pk: int):
    """Escalate to Helpdesk LKPP / Helpdesk Teknis LKPP (Pasal 15 ayat 3)."""
    tiket = get_object_or_404(Tiket, pk=pk)

    def run(data):
        services.eskalasi_create(tiket=tiket, user=request.user, **data)
        return tiket

    return _act(request, pk, EskalasiForm(request.POST), "eskalasi_form", run, "Eskalasi ke LKPP dicatat.")


@require_POST
@staff_permission_required(PERM)
def eskalasi_jawab(request, pk: int):
    eskalasi = get_object_or_404(Eskalasi.objects.select_related("tiket"), pk=pk)

    def run(data):
        services.eskalasi_answer(eskalasi=eskalasi, user=request.user, **data)
        return eskalasi.tiket

    form = JawabanEskalasiForm(request.POST, auto_id=f"jw{pk}_%s")
    return _act(request, eskalasi.tiket_id, form, "jawab_form", run, "Jawaban LKPP dicatat.", eskalasi_pk=pk)


@require_POST
@staff_permission_required(PERM)
def tiket_faq(request, pk: int):
    tiket = get_object_or_404(Tiket, pk=pk)
    form = FaqLinkForm(request.POST)
    if not form.is_valid():
        return _flash_fail(request, pk, ValidationError("Artikel FAQ tidak ditemukan atau belum terbit."))
    services.tiket_link_faq(tiket=tiket, artikel=form.cleaned_data["artikel"], user=request.user)
    messages.success(request, "Artikel FAQ ditautkan.")
    return redirect(tiket)


@staff_permission_required(PERM)
def tiket_lampiran(request, pk: int, lampiran_pk: int):
    lampiran = get_object_or_404(TiketLampiran, pk=lampiran_pk, tiket_id=pk)
    return FileResponse(lampiran.berkas.open("rb"), as_attachment=True, filename=lampiran.nama_asli)


@staff_permission_required(PERM)
def ba_create(request, pk: int):
    tiket = get_object_or_404(Tiket, pk=pk)
    initial = {"kode_paket": tiket.kode_paket, "waktu_kejadian": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    form = BeritaAcaraForm(request.POST or None, initial=initial, saksi_qs=_layanan_staff())
    if request.method == "POST" and form.is_valid():
        try:
            ba = services.berita_acara_issue(
                tiket=tiket, data=form.ba_data(), saksi=list(form.cleaned_data["saksi"]), user=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Berita acara {ba.dokumen.nomor} dibuat; PDF-nya sedang disiapkan.")
            return redirect(tiket)
    return render(request, "layanan/ba_form.html", {"form": form, "tiket": tiket}, status=400 if form.errors else 200)


@staff_permission_required(PERM)
def ba_download(request, pk: int):
    ba = get_object_or_404(BeritaAcaraKesaksian.objects.select_related("dokumen"), pk=pk)
    if ba.dokumen is None:
        raise Http404("Berita acara ini belum bernomor.")
    return dokumen_file_response(request, ba.dokumen)
