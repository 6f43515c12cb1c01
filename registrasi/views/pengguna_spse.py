"""SPSE users made before the portal: the list (with import and export) and the invitation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required

from .. import selectors, services


@staff_permission_required("registrasi.view_penggunaspse")
def pengguna_spse_list(request):
    """SPSE users made before the portal (imported, already verified), with import and export."""
    from lpse.imports import get_kind
    from lpse.imports.views import links

    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.pengguna_spse_search(q=q), 50).get_page(request.GET.get("halaman"))
    kind = get_kind("pengguna-spse")
    context = {
        "page": page,
        "q": q,
        "impor": links(kind) if request.user.has_perm(kind.permission) else None,
        "boleh_undang": request.user.has_perm("registrasi.change_penggunaspse"),
    }
    return render(request, "registrasi/pengguna_spse_list.html", context)


@require_POST
@staff_permission_required("registrasi.change_penggunaspse")
def pengguna_spse_undang(request, pk: int):
    """Invite an imported SPSE user to set a portal password (a mail with a one-time link)."""
    from ..models import PenggunaSpse

    pengguna = get_object_or_404(PenggunaSpse, pk=pk)
    try:
        services.pengguna_spse_invite(pengguna=pengguna, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registrasi:pengguna-spse-list")
    messages.success(request, f"Undangan mengatur kata sandi dikirim ke {pengguna.email}.")
    return redirect("registrasi:pengguna-spse-list")
