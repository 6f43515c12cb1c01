"""The LKPP coordination register (Pasal 24(2))."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.links import link_kinds

from .. import services
from ..models import KoordinasiLkpp

# Every LPSE staff member may record what the unit told LKPP (Pasal 24(2)).
PERM = "lpse.akses_staf"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KoordinasiForm(forms.ModelForm):
    class Meta:
        model = KoordinasiLkpp
        fields = ["jenis", "perihal", "tanggal", "saluran", "referensi", "isi", "jawaban", "tanggal_jawab"]
        widgets = {
            "tanggal": DATE_INPUT,
            "tanggal_jawab": DATE_INPUT,
            "isi": forms.Textarea(attrs={"rows": 4}),
            "jawaban": forms.Textarea(attrs={"rows": 3}),
        }


class TautanForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis catatan")
    object_id = forms.IntegerField(label="Nomor", min_value=1)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "tautan_%s")  # shares the page with KoordinasiForm's "jenis": ids stay unique
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [(k.key, k.label) for k in link_kinds()]


def _save(request, koordinasi, template, extra):
    form = KoordinasiForm(request.POST or None, instance=koordinasi)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.koordinasi_save(koordinasi=form.instance, user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Koordinasi dengan LKPP tercatat.")
            return redirect(item)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, **extra}, status=status)


@staff_permission_required(PERM)
def koordinasi_list(request):
    """What the unit asked, told or proposed to LKPP, and what came back."""
    page = Paginator(KoordinasiLkpp.objects.select_related("dicatat_oleh"), 50).get_page(request.GET.get("halaman"))
    return _save(request, KoordinasiLkpp(), "sekretariat/koordinasi_list.html", {"page": page})


def _links(item):
    from lpse.links import get_link_kind

    out = []
    for t in item.tautan.select_related("content_type"):
        kind = get_link_kind(t.jenis)
        target = t.target
        out.append(
            {
                "label": kind.label if kind else t.jenis,
                "id": t.object_id,
                "text": str(target) if target else "(sudah dihapus)",
                "url": kind.url(target) if kind and target else "",
            }
        )
    return out


@staff_permission_required(PERM)
def koordinasi_detail(request, pk: int):
    item = get_object_or_404(KoordinasiLkpp, pk=pk)
    extra = {"item": item, "links": _links(item), "tautan_form": TautanForm()}
    return _save(request, item, "sekretariat/koordinasi_detail.html", extra)


@require_POST
@staff_permission_required(PERM)
def koordinasi_tautan(request, pk: int):
    """Link a ticket, escalation, LKPP instruction or incident to this exchange."""
    item = get_object_or_404(KoordinasiLkpp, pk=pk)
    form = TautanForm(request.POST)
    if form.is_valid():
        try:
            services.koordinasi_link(
                koordinasi=item, jenis=form.cleaned_data["jenis"], object_id=form.cleaned_data["object_id"]
            )
        except ValidationError as exc:
            form.add_error("object_id", exc)
        else:
            messages.success(request, "Tautan ditambahkan.")
            return redirect(item)
    extra = {"item": item, "links": _links(item), "tautan_form": form}
    return render(
        request,
        "sekretariat/koordinasi_detail.html",
        {"form": KoordinasiForm(instance=item), **extra},
        status=400,
    )
