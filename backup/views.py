"""Staff pages of the backup SOP (Perbup Karo 02/2017 Pasal 18); thin views over services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.documents import dokumen_file_response

from . import selectors, services
from .forms import BackupPolicyForm, BackupSourceForm, HandoverForm, MediaBackupForm
from .models import BackupPolicy, BackupRun, BackupSource, MediaBackup, MediaCopy, PruneLog
from .panel import backup_panel_context

PERM = "lpse.akses_infrastruktur"


@staff_permission_required(PERM)
def backup_index(request):
    """Sources, their last verified backup, running progress and the run log."""
    page = Paginator(selectors.recent_runs(), 25).get_page(request.GET.get("halaman"))
    return render(request, "backup/index.html", {"backup": backup_panel_context(), "page": page})


@staff_permission_required(PERM)
def source_create(request):
    return _source_form(request, BackupSource(jenis=BackupSource.Jenis.POSTGRES))


@staff_permission_required(PERM)
def source_edit(request, pk: int):
    return _source_form(request, get_object_or_404(BackupSource, pk=pk))


def _source_form(request, source: BackupSource):
    form = BackupSourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_save(source=form.instance)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Sumber backup {source.nama} tersimpan.")
            return redirect("backup:index")
    history = source.history.select_related("history_user")[:20] if source.pk else []
    return render(
        request,
        "backup/source_form.html",
        {"form": form, "source": source, "history": history},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_permission_required(PERM)
def run_start(request, pk: int):
    """Start a backup by hand; refused while the source's lock is held."""
    source = get_object_or_404(BackupSource, pk=pk)
    try:
        run = services.run_request(source=source, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("backup:index")
    messages.success(request, f"Backup {source.nama} (#{run.pk}) dimasukkan ke antrian.")
    return redirect("backup:run", pk=run.pk)


@staff_permission_required(PERM)
def run_detail(request, pk: int):
    run = get_object_or_404(BackupRun.objects.select_related("sumber", "dimulai_oleh"), pk=pk)
    history = run.history.select_related("history_user")[:20]
    return render(
        request,
        "backup/run_detail.html",
        {"run": run, "history": history, "prune_logs": run.prune_logs.all()},
    )


@staff_permission_required(PERM)
def run_progress(request, pk: int):
    """The live progress fragment the run page polls with HTMX (every 2 s while running)."""
    run = get_object_or_404(BackupRun.objects.select_related("sumber").defer("manifest"), pk=pk)
    response = render(request, "backup/_progress.html", {"run": run})
    if not run.is_active and request.headers.get("HX-Request"):
        # The page around the fragment (archive, checksum, manifest, last verified backup)
        # was drawn while the run was going: reload it once the run has ended.
        response["HX-Refresh"] = "true"
    return response


@staff_permission_required(PERM)
def policy_edit(request):
    """Retention (GFS 7/4/12 by default) and the off-site limit in days."""
    policy = BackupPolicy.current()
    form = BackupPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        services.policy_update(policy=form.instance)
        messages.success(request, "Kebijakan backup tersimpan.")
        return redirect("backup:index")
    history = policy.history.select_related("history_user")[:20]
    return render(
        request,
        "backup/policy_form.html",
        {"form": form, "history": history, "prune_logs": PruneLog.objects.select_related("run")[:20]},
        status=400 if form.errors else 200,
    )


@staff_permission_required(PERM)
def media_index(request):
    """Portable media (Pasal 18(2)), the copies made to them, and a form to register a medium."""
    form = MediaBackupForm(request.POST or None, initial={"aset": request.GET.get("aset")})
    if request.method == "POST" and form.is_valid():
        try:
            medium = services.medium_save(medium=form.instance, aset=form.cleaned_data["aset"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"Media {medium.label} terdaftar, juga di daftar aset sebagai {medium.aset.nama}."
            )
            return redirect("backup:media")
    page = Paginator(selectors.media_copies(), 25).get_page(request.GET.get("halaman"))
    return render(
        request,
        "backup/media.html",
        {
            "form": form,
            "media": selectors.media_with_latest_copy(),
            "page": page,
            "offsite": selectors.offsite_status(),
        },
        status=400 if form.errors else 200,
    )


@staff_permission_required(PERM)
def media_edit(request, pk: int):
    """Change a medium; its asset in the register follows (capacity, in use)."""
    medium = get_object_or_404(MediaBackup.objects.select_related("aset"), pk=pk)
    form = MediaBackupForm(request.POST or None, instance=medium)
    if request.method == "POST" and form.is_valid():
        try:
            services.medium_save(medium=form.instance)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Media {medium.label} tersimpan.")
            return redirect("backup:media")
    return render(
        request,
        "backup/media_form.html",
        {"form": form, "medium": medium, "history": medium.history.select_related("history_user")[:20]},
        status=400 if form.errors else 200,
    )


@staff_permission_required(PERM)
def media_copy_detail(request, pk: int):
    """A copy to a medium, and its hand-over with the Berita Acara Serah Terima Media Backup."""
    copy = get_object_or_404(selectors.media_copies(), pk=pk)
    form = HandoverForm(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            dokumen = services.media_copy_handover(
                copy=form.instance,
                penerima=form.cleaned_data["diserahkan_kepada"],
                jabatan=form.cleaned_data["jabatan_penerima"],
                lokasi=form.cleaned_data["lokasi_simpan"],
                terpisah=form.cleaned_data["terpisah_dari_ruang_server"],
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Berita acara {dokumen.nomor} dibuat.")
            return redirect("backup:salinan", pk=copy.pk)
    return render(
        request,
        "backup/copy_detail.html",
        {
            "copy": copy,
            "runs": copy.runs.select_related("sumber").defer("manifest"),
            "form": form,
            "history": copy.history.select_related("history_user")[:20],
        },
        status=400 if form.errors else 200,
    )


@staff_permission_required(PERM)
def media_copy_berita_acara(request, pk: int):
    copy = get_object_or_404(MediaCopy.objects.select_related("berita_acara"), pk=pk)
    if not copy.berita_acara:
        raise Http404("Berita acara serah terima belum dibuat.")
    return dokumen_file_response(request, copy.berita_acara)


@staff_permission_required(PERM)
def restore_guide(request):
    """How to restore, step by step, with the exact command for each recent good backup."""
    runs = (
        BackupRun.objects.filter(status=BackupRun.Status.BERHASIL, dipangkas_pada=None)
        .select_related("sumber")
        .defer("manifest")[:15]
    )
    return render(request, "backup/restore_guide.html", {"runs": runs})
