from django.shortcuts import render

from lpse.access import staff_permission_required


@staff_permission_required("lpse.akses_sekretariat")
def index(request):
    """Home page of the bidang (Pasal 8)."""
    return render(request, "sekretariat/index.html")
