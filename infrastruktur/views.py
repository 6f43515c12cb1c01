from django.shortcuts import render

from lpse.access import staff_permission_required


@staff_permission_required("lpse.akses_infrastruktur")
def index(request):
    """Home page of the bidang (Pasal 9, 16, 17 dan 18)."""
    return render(request, "infrastruktur/index.html")
