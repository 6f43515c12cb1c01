from django.shortcuts import render

from lpse.access import staff_permission_required


@staff_permission_required("lpse.akses_layanan")
def index(request):
    """Home page of the bidang (Pasal 11, 14 dan 15)."""
    return render(request, "layanan/index.html")
