from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import roles, services
from .access import staff_permission_required
from .document_kinds import can_read, kind_of, readable_kinds
from .documents import dokumen_file_response, dokumen_issue
from .forms import PengumumanForm, RolesForm
from .health import health_report
from .models import Dokumen, Pengumuman, User
from .navigation import dashboard_panels
from .net import client_ip
from .pagecache import cached_page
from .templatetags.portal import history_m2m_accessor


@cached_page
def home(request):
    """Public home page: active announcements, links to registration and help."""
    pengumuman = Pengumuman.objects.active().only("id", "judul", "jenis", "mulai", "isi")[:5]
    return render(request, "lpse/home.html", {"pengumuman": pengumuman})


def pengumuman_list(request):
    page = Paginator(Pengumuman.objects.active().only("id", "judul", "jenis", "mulai"), 20).get_page(
        request.GET.get("halaman")
    )
    return render(request, "lpse/pengumuman_list.html", {"page": page})


def pengumuman_detail(request, pk: int):
    pengumuman = get_object_or_404(Pengumuman.objects.active(), pk=pk)
    return render(request, "lpse/pengumuman_detail.html", {"pengumuman": pengumuman})


@login_required
def after_login(request):
    """Staff land on their dashboard, everyone else on their profile."""
    if request.user.has_perm("lpse.akses_staf"):
        return redirect("lpse:dashboard")
    return redirect("lpse:profil")


@login_required
def profil(request):
    from .otp import has_totp_device, second_factor_mandatory

    context = {
        "roles": sorted(request.user.role_names),
        "otp_active": has_totp_device(request.user),
        "otp_mandatory": second_factor_mandatory(request.user),
    }
    return render(request, "lpse/profil.html", context)


@staff_permission_required("lpse.akses_staf")
@cached_page
def dashboard(request):
    from django.utils.formats import date_format

    bulan_ini = date_format(timezone.localdate(), "F Y")
    return render(request, "lpse/dashboard.html", {"panels": dashboard_panels(request), "bulan_ini": bulan_ini})


@staff_permission_required("lpse.akses_staf")
def floor(request):
    """The bare base template for this user: the benchmark's reference page."""
    return render(request, "base.html")


@login_required
def zero(request):
    """A few bytes for a logged-in user through the full middleware: the floor's own reference in the bench."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@staff_permission_required("lpse.view_pengumuman")
def pengumuman_kelola(request):
    page = Paginator(Pengumuman.objects.only("id", "judul", "jenis", "mendesak", "mulai", "selesai"), 25).get_page(
        request.GET.get("halaman")
    )
    return render(request, "lpse/pengumuman_kelola.html", {"page": page, "now": timezone.now()})


@staff_permission_required("lpse.add_pengumuman")
def pengumuman_create(request):
    return _pengumuman_form(request, Pengumuman())


@staff_permission_required("lpse.change_pengumuman")
def pengumuman_edit(request, pk: int):
    return _pengumuman_form(request, get_object_or_404(Pengumuman, pk=pk))


def _pengumuman_form(request, pengumuman: Pengumuman):
    form = PengumumanForm(request.POST or None, instance=pengumuman)
    if request.method == "POST" and form.is_valid():
        services.pengumuman_save(pengumuman=form.instance, user=request.user)
        messages.success(request, "Pengumuman tersimpan.")
        return redirect("lpse:pengumuman-kelola")
    history = pengumuman.history.select_related("history_user")[:20] if pengumuman.pk else []
    return render(
        request,
        "lpse/pengumuman_form.html",
        {"form": form, "pengumuman": pengumuman, "history": history},
        status=400 if form.errors else 200,
    )


@staff_permission_required("lpse.view_dokumen")
def dokumen_list(request):
    """The documents of the kinds this user may read (lpse.document_kinds)."""
    dokumen = Dokumen.objects.select_related("dibuat_oleh")
    kinds = readable_kinds(request.user)
    if kinds is not None:
        dokumen = dokumen.filter(kode__in=kinds)
    page = Paginator(dokumen, 25).get_page(request.GET.get("halaman"))
    return render(request, "lpse/dokumen_list.html", {"page": page})


@staff_permission_required("lpse.view_dokumen")
def dokumen_download(request, pk: int):
    """A document's PDF for the roles its kind names; downloads of personal data are audited."""
    dokumen = get_object_or_404(Dokumen, pk=pk)
    if not can_read(request.user, dokumen.kode):
        raise PermissionDenied("Jenis dokumen ini hanya untuk bidang yang menerbitkannya.")
    if dokumen.pdf and kind_of(dokumen.kode).personal_data and not request.headers.get("HX-Request"):
        services.dokumen_download_record(dokumen=dokumen, user=request.user, ip=client_ip(request))
    return dokumen_file_response(request, dokumen)


@require_POST
@staff_permission_required("lpse.akses_staf")
def dokumen_contoh(request):
    """Issue the sample document: shows the numbering, letterhead and QR code."""
    dokumen = dokumen_issue(
        kode="CONTOH",
        jenis="Surat Keterangan Contoh",
        perihal="Uji coba layanan dokumen resmi",
        template="lpse/dokumen_contoh.html",
        context={"penandatangan": request.user},
        user=request.user,
        in_background=True,
    )
    messages.success(request, f"Dokumen {dokumen.nomor} dibuat; PDF-nya sedang disiapkan.")
    return redirect("lpse:dokumen-list")


@staff_permission_required("lpse.change_user")
def pengguna_list(request):
    """Kepala Unit's list of users and their roles, searchable by name or email, filtered by role."""
    q = request.GET.get("q", "").strip()[:100]
    peran = request.GET.get("peran", "").strip()[:150]
    users = User.objects.select_related("instansi").prefetch_related(
        Prefetch("groups", queryset=Group.objects.only("name").order_by("name"))
    )
    if q:
        users = users.filter(Q(nama_lengkap__icontains=q) | Q(email__icontains=q))
    if peran:
        users = users.filter(groups__name=peran)
    page = Paginator(users.order_by("nama_lengkap", "pk"), 30).get_page(request.GET.get("halaman"))
    query = urlencode({k: v for k, v in (("q", q), ("peran", peran)) if v})
    return render(
        request,
        "lpse/pengguna_list.html",
        {"page": page, "q": q, "peran": peran, "semua_peran": roles.ALL_ROLES, "query": query},
    )


@staff_permission_required("lpse.change_user")
def pengguna_peran(request, pk: int):
    """Give a user roles; Pasal 19(3) combinations are refused by the form and the service."""
    user = get_object_or_404(User, pk=pk)
    form = RolesForm(request.POST or None, initial={"roles": user.groups.all()})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_roles(user=user, roles=[g.name for g in form.cleaned_data["roles"]])
        except ValidationError as exc:
            form.add_error("roles", exc)
        else:
            messages.success(request, f"Peran {user} tersimpan.")
            return redirect("lpse:pengguna-list")
    history = user.history.select_related("history_user").prefetch_related(
        history_m2m_accessor(User.history.model, "groups")
    )[:20]
    return render(
        request,
        "lpse/pengguna_peran.html",
        {"form": form, "pengguna": user, "history": history},
        status=400 if form.errors else 200,
    )


@never_cache
def healthz(request):
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


@staff_permission_required("lpse.view_instansi")
def instansi_list(request):
    """The organisations whose people use the LPSE (Pasal 4(2)), with import and export."""
    from .imports import get_kind
    from .imports.views import links
    from .models import Instansi

    q = request.GET.get("q", "").strip()
    qs = Instansi.objects.order_by("nama")
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(singkatan__icontains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    kind = get_kind("instansi")
    context = {"page": page, "q": q, "impor": links(kind) if request.user.has_perm(kind.permission) else None}
    return render(request, "lpse/instansi_list.html", context)
