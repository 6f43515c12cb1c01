"""Staff settings pages: SLA targets and report, canned replies, FAQ articles (Pasal 11, 24(1)d)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from lpse.access import staff_permission_required

from .. import services, sla
from ..forms import (
    ArtikelForm,
    SlaTargetForm,
    TemplatForm,
)
from ..models import (
    ArtikelFaq,
    BalasanTemplat,
    Prioritas,
    SlaTarget,
)
from .common import PERM, _errors


@staff_permission_required("layanan.kelola_sla")
def sla_target(request):
    """The Kepala Bidang Layanan sets the SLA targets per priority."""
    targets = {t.prioritas: t for t in SlaTarget.objects.all()}
    for p in Prioritas.values:
        if p not in targets:
            respons, selesai = sla.DEFAULT_TARGETS[p]
            targets[p] = SlaTarget(prioritas=p, respons_menit=respons, selesai_menit=selesai)
    forms_ = [
        (targets[p], SlaTargetForm(request.POST or None, instance=targets[p], prefix=f"p{p}")) for p in sorted(targets)
    ]
    if request.method == "POST":
        if all(f.is_valid() for _, f in forms_):
            try:
                with transaction.atomic():  # all four targets or none
                    for _, f in forms_:
                        services.sla_target_save(target=f.instance, user=request.user)
            except ValidationError as exc:
                messages.error(request, _errors(exc))
            else:
                messages.success(request, "Target SLA tersimpan; berlaku untuk tiket baru.")
                return redirect("layanan:sla-target")
        return render(request, "layanan/sla_target.html", {"forms": forms_}, status=400)
    history = SlaTarget.history.select_related("history_user")[:20]
    return render(request, "layanan/sla_target.html", {"forms": forms_, "history": history})


@staff_permission_required(PERM)
def sla_laporan(request):
    """SLA of the tickets solved in a month; time at LKPP shown apart (Pasal 15 ayat 3)."""
    from ..reports import sla_month

    today = timezone.localdate()
    try:
        year = int(request.GET.get("tahun", today.year))
        month = int(request.GET.get("bulan", today.month))
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        year, month = today.year, today.month
    return render(request, "layanan/sla_laporan.html", sla_month(year=year, month=month))


# --- Staff: canned replies and FAQ -----------------------------------------------------------------


@staff_permission_required(PERM)
def templat_list(request):
    form = TemplatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Templat balasan tersimpan.")
        return redirect("layanan:templat-list")
    return render(
        request,
        "layanan/templat_list.html",
        {"form": form, "templat": BalasanTemplat.objects.all()},
        status=400 if form.errors else 200,
    )


@staff_permission_required(PERM)
def faq_kelola(request):
    artikel = ArtikelFaq.objects.select_related("kategori").only(
        "id", "judul", "terbit", "membantu", "tidak_membantu", "kategori__nama"
    )
    return render(request, "layanan/faq_kelola.html", {"artikel": artikel})


@staff_permission_required(PERM)
def faq_create(request):
    return _artikel_form(request, ArtikelFaq())


@staff_permission_required(PERM)
def faq_edit(request, pk: int):
    return _artikel_form(request, get_object_or_404(ArtikelFaq, pk=pk))


def _artikel_form(request, artikel: ArtikelFaq):
    form = ArtikelForm(request.POST or None, instance=artikel)
    if request.method == "POST" and form.is_valid():
        services.artikel_save(artikel=form.instance, user=request.user)
        messages.success(request, "Artikel tersimpan.")
        return redirect("layanan:faq-kelola")
    history = artikel.history.select_related("history_user")[:20] if artikel.pk else []
    return render(
        request,
        "layanan/faq_form.html",
        {"form": form, "artikel": artikel, "history": history},
        status=400 if form.errors else 200,
    )
