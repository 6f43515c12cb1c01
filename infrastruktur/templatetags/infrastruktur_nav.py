"""The links other apps add to the bidang's menu (``hooks``, place "nav")."""

from django import template
from django.urls import reverse

from .. import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def infrastruktur_nav_links(context) -> list[dict]:
    perms = context.get("perms")
    return [
        {"label": label, "url": reverse(url_name)}
        for label, url_name, perm in hooks.items("nav")
        if perm is None or (perms is not None and perm in perms)
    ]
