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
