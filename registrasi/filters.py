from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import BentukUsaha, Pendaftaran


class AntrianFilter(django_filters.FilterSet):
    """Filters of the verification queue; search by name, NPWP, NIB or registration number."""

    q = django_filters.CharFilter(label="Cari", method="search")
    status = django_filters.ChoiceFilter(
        choices=[c for c in Pendaftaran.Status.choices if c[0] != Pendaftaran.Status.MENUNGGU_KONFIRMASI],
        empty_label="Semua status",
    )
    jenis = django_filters.ChoiceFilter(choices=Pendaftaran.Jenis.choices, empty_label="Semua jenis")
    bentuk_usaha = django_filters.ChoiceFilter(choices=BentukUsaha.choices, empty_label="Semua bentuk usaha")
    # A range on the timestamp itself (local midnights), not ``diajukan::date``: the
    # index on diajukan serves it.
    dari = django_filters.DateFilter(
        label="Diajukan sejak", method="submitted_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    sampai = django_filters.DateFilter(
        label="Diajukan sampai", method="submitted_until", widget=forms.DateInput(attrs={"type": "date"})
    )
    # Approved in a period (a dashboard figure links here, issue 13): a decision "setuju" made then.
    disetujui_dari = django_filters.DateFilter(
        label="Disetujui sejak", method="approved_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    disetujui_sampai = django_filters.DateFilter(
        label="Disetujui sampai", method="approved_until", widget=forms.DateInput(attrs={"type": "date"})
    )
    milik_saya = django_filters.BooleanFilter(label="Hanya yang saya klaim", method="mine", widget=forms.CheckboxInput)
    lewat_sla = django_filters.BooleanFilter(
        label="Hanya yang lewat target SLA", method="past_sla", widget=forms.CheckboxInput
    )

    class Meta:
        model = Pendaftaran
        fields = [
            "q",
            "status",
            "jenis",
            "bentuk_usaha",
            "dari",
            "sampai",
            "disetujui_dari",
            "disetujui_sampai",
            "milik_saya",
            "lewat_sla",
        ]

    @property
    def form(self):
        # Plain Bootstrap classes instead of crispy: the queue is the bidang's busiest page.
        form = super().form
        for field in form.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"
        return form

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("status") == Pendaftaran.Status.DIAJUKAN:
            return queryset.order_by("diajukan", "id")  # waiting: oldest first, the SLA order
        return queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        digits = "".join(ch for ch in value if ch.isdigit())
        cond = Q(nama_badan_usaha__icontains=value) | Q(pj_nama__icontains=value) | Q(nomor__iexact=value)
        if len(digits) >= 6:
            if len(digits) == 15:
                digits = "0" + digits
            cond |= Q(npwp=digits) | Q(nib=digits)
        return queryset.filter(cond)

    @staticmethod
    def _local_midnight(day):
        return timezone.make_aware(datetime.combine(day, time.min))

    def submitted_from(self, queryset, name, value):
        return queryset.filter(diajukan__gte=self._local_midnight(value)) if value else queryset

    def submitted_until(self, queryset, name, value):
        return queryset.filter(diajukan__lt=self._local_midnight(value + timedelta(days=1))) if value else queryset

    def _approved(self, queryset, **when):
        from .models import Keputusan

        decisions = Keputusan.objects.filter(pendaftaran=OuterRef("pk"), hasil=Keputusan.Hasil.SETUJU, **when)
        return queryset.filter(Exists(decisions))

    def approved_from(self, queryset, name, value):
        return self._approved(queryset, dibuat__gte=self._local_midnight(value)) if value else queryset

    def approved_until(self, queryset, name, value):
        return (
            self._approved(queryset, dibuat__lt=self._local_midnight(value + timedelta(days=1))) if value else queryset
        )

    def past_sla(self, queryset, name, value):
        """Waiting applications whose SLA target has passed (the SOP page links here)."""
        if value:
            return queryset.filter(status=Pendaftaran.Status.DIAJUKAN, batas_sla__lt=timezone.now())
        return queryset

    def mine(self, queryset, name, value):
        if value:
            return queryset.filter(verifikator=self.request.user)
        return queryset
