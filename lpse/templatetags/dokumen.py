"""Filters for official documents: the signer's profile and identifiers in their printed form."""

from django import template

from lpse import personnel

register = template.Library()


@register.filter
def profil_ttd(user):
    """``{% with p=user|profil_ttd %}``: name, NIP, pangkat and jabatan from the personnel record."""
    return personnel.signer_profile(user)


register.filter("nip", personnel.format_nip)
register.filter("npwp", personnel.format_npwp)
register.filter("nik", personnel.format_nik)


@register.inclusion_tag("lpse/_dokumen_disiapkan.html")
def dokumen_pdf(dokumen, url: str):
    """A link to a document's PDF, or "sedang disiapkan" with progress polled
    from ``url`` (the download view answers HTMX with this fragment) until it is ready."""
    from ..documents import dokumen_progress

    return {"dokumen": dokumen, "progres": dokumen_progress(dokumen), "url": url}
