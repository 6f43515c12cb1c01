from django.shortcuts import render

from lpse.access import staff_permission_required


@staff_permission_required("lpse.akses_registrasi")
def index(request):
    """Home page of the bidang (Pasal 10 dan 13)."""
    return render(request, "registrasi/index.html")
