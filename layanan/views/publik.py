"""Public helpdesk and FAQ pages: new tickets, the requester's ticket page, rating, votes (Pasal 11, 15)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lpse.pagecache import cached_page
from lpse.throttle import limit_message, throttle

from .. import selectors, services
from ..forms import (
    NilaiForm,
    PesanForm,
    TiketForm,
)
from ..models import (
    ArtikelFaq,
    Tiket,
    TiketLampiran,
)


@throttle("tiket-tamu", guests_only=True, block=False)
@cached_page
def tiket_baru(request):
    """Anyone opens a ticket: a logged-in user, or a guest with contact details."""
    if request.method == "POST" and request.limited:
        # Over the guest budget (lpse.throttle): show what was typed, read no file, save nothing.
        form = TiketForm(request.POST, user=request.user, saran_url=reverse("layanan:faq-saran"))
        form.is_valid()
        form.add_error(None, limit_message("tiket-tamu"))
        return render(request, "layanan/tiket_baru.html", {"form": form}, status=429)
    form = TiketForm(
        request.POST or None, request.FILES or None, user=request.user, saran_url=reverse("layanan:faq-saran")
    )
    if request.method == "POST" and form.is_valid():
        try:
            tiket = services.tiket_create(
                data=form.tiket_data(), files=form.cleaned_data["lampiran"], pelapor=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"Tiket {tiket.nomor} tercatat. Simpan alamat halaman ini: hanya dengan tautan ini "
                "Anda dapat mengikuti dan membalas tiket tanpa masuk.",
            )
            return redirect(tiket.get_public_url())
    return render(request, "layanan/tiket_baru.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def tiket_saya(request):
    """A logged-in requester's own tickets, newest first, with their private links."""
    tiket = (
        Tiket.objects.filter(pelapor=request.user)
        .only("id", "token", "subjek", "status", "dibuat", "kategori")
        .order_by("-id")[:100]
    )
    return render(request, "layanan/tiket_saya.html", {"tiket": tiket})


def faq_saran(request):
    """HTMX: FAQ articles matching the subject being typed."""
    q = request.GET.get("subjek", "")
    artikel = list(selectors.faq_search(q, limit=5)) if len(q.strip()) >= 3 else []
    return render(request, "layanan/_faq_saran.html", {"artikel": artikel})


def _get_tiket_for_requester(token: str) -> Tiket:
    """The ticket behind a private link; any other token is a plain 404."""
    try:
        return selectors.tiket_for_requester(token)
    except Tiket.DoesNotExist:
        raise Http404("Tiket tidak ditemukan. Periksa kembali tautan dari email Anda.") from None


@throttle("balasan-tamu")
def tiket_publik(request, token: str):
    """The requester follows and answers their ticket without logging in."""
    tiket = _get_tiket_for_requester(token)
    form = PesanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tiket_requester_reply(
                tiket=tiket, body=form.cleaned_data["isi"], files=form.cleaned_data["lampiran"], user=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Balasan Anda terkirim.")
            return redirect(tiket.get_public_url())
    context = {
        "tiket": tiket,
        "form": form,
        "nilai_form": NilaiForm(),
        "batas_buka": selectors.reopen_deadline(tiket),
    }
    return render(request, "layanan/tiket_publik.html", context, status=400 if form.errors else 200)


@require_POST
def tiket_nilai(request, token: str):
    """The requester confirms a solved ticket and rates it (Pasal 24 ayat 1 huruf d)."""
    tiket = _get_tiket_for_requester(token)
    form = NilaiForm(request.POST)
    if form.is_valid():
        try:
            services.tiket_rate(tiket=tiket, nilai=form.cleaned_data["nilai"], komentar=form.cleaned_data["komentar"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Terima kasih atas penilaian Anda.")
            return redirect(tiket.get_public_url())
    context = {"tiket": tiket, "form": PesanForm(), "nilai_form": form, "batas_buka": selectors.reopen_deadline(tiket)}
    return render(request, "layanan/tiket_publik.html", context, status=400)


def tiket_lampiran_publik(request, token: str, pk: int):
    tiket = _get_tiket_for_requester(token)
    lampiran = get_object_or_404(TiketLampiran, pk=pk, tiket=tiket, publik=True)
    return FileResponse(lampiran.berkas.open("rb"), as_attachment=True, filename=lampiran.nama_asli)


# --- Public: FAQ ------------------------------------------------------------------------------


@cached_page
def faq_list(request):
    q = request.GET.get("q", "")
    artikel = list(selectors.faq_search(q, limit=50))
    return render(request, "layanan/faq_list.html", {"artikel": artikel, "q": q})


def faq_detail(request, pk: int):
    artikel = get_object_or_404(ArtikelFaq.objects.select_related("kategori"), pk=pk, terbit=True)
    voted = str(pk) in request.session.get("faq_suara", [])
    return render(request, "layanan/faq_detail.html", {"artikel": artikel, "sudah_memilih": voted})


@require_POST
def faq_vote(request, pk: int):
    """One "was this helpful" vote per article per browser session."""
    artikel = get_object_or_404(ArtikelFaq, pk=pk, terbit=True)
    voted = request.session.get("faq_suara", [])
    if str(pk) not in voted:
        services.faq_vote(artikel=artikel, membantu=request.POST.get("membantu") == "ya")
        request.session["faq_suara"] = [*voted, str(pk)][-200:]
    messages.success(request, "Terima kasih atas masukan Anda.")
    return redirect(artikel.get_absolute_url())
