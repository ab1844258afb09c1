from django.utils import safestring
from django.utils.safestring import mark_safe, SafeString
from django.utils.html import format_html


def render(name, row):
    # ruleid: django-mark-safe-call
    a = mark_safe("<b>%s</b>" % name)
    # ruleid: django-mark-safe-call
    b = safestring.mark_safe(row.description)
    # ruleid: django-mark-safe-call
    c = SafeString(f"<i>{name}</i>")
    # ok: django-mark-safe-call
    d = mark_safe("<br/>")
    # ok: django-mark-safe-call
    e = format_html("<b>{}</b>", name)
    return a, b, c, d, e
