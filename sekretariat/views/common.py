"""Shared helpers of the Sekretariat pages and its home page (Pasal 8)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lpse.access import staff_permission_required

from .. import selectors

VIEW = "lpse.akses_sekretariat"


def _history(obj, n=20):
    return obj.history.select_related("history_user")[:n] if obj.pk else []


def _add_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form; errors of fields the form lacks go on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _form_page(request, form, *, title, back, obj=None, service=None, success="Tersimpan.", extra=None):
    """Render a form page; on a valid POST call ``service(form)`` and go ``back``.

    A ValidationError from the service is shown on the form (status 400) and
    nothing is saved.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = service(form)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(back(result) if callable(back) else back)
    if isinstance(back, str):
        cancel = back if back.startswith("/") else reverse(back)
    elif obj is not None and obj.pk and hasattr(obj, "get_absolute_url"):
        cancel = obj.get_absolute_url()
    else:
        cancel = reverse("sekretariat:index")
    context = {
        "form": form,
        "title": title,
        "cancel": cancel,
        "history": _history(obj) if obj is not None else [],
        **(extra or {}),
    }
    return render(request, "sekretariat/form.html", context, status=400 if form.errors else 200)


@staff_permission_required(VIEW)
def index(request):
    """Home page of the Sekretariat (Pasal 8): what needs attention."""
    context = {"ringkasan": selectors.panel_summary()}
    if request.user.has_perm("sekretariat.kelola_perlengkapan"):
        # Pasal 8(4)f: items below their minimum stock, the same list the daily reminder mails.
        context["stok_rendah"] = list(selectors.barang_below_minimum()[:10])
    return render(request, "sekretariat/index.html", context)


def _tahun(request) -> int:
    try:
        tahun = int(request.GET.get("tahun") or timezone.localdate().year)
    except ValueError:
        tahun = timezone.localdate().year
    return min(max(tahun, 2017), 2100)
