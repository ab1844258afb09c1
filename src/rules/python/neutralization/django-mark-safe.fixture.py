from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.safestring import mark_safe as trusted


ICON = '<i class="icon"></i>'


def render(user, rows, request):
    # ruleid: django-mark-safe
    title = mark_safe("<b>" + user.display_name + "</b>")
    # ruleid: django-mark-safe
    note = trusted(request.GET["note"])
    # ruleid: django-mark-safe
    row_html = SafeString("<td>%s</td>" % rows[0])
    label = "<span>" + escape(user.name) + "</span>"
    if user.is_admin:
        label = "<span>{}</span>".format(user.name)
    # ruleid: django-mark-safe
    shown = mark_safe(label)
    # ruleid: django-mark-safe
    cells = mark_safe("".join("<td>%s</td>" % r for r in rows))
    # ok: django-mark-safe
    badge = mark_safe("<b>%s</b>" % escape(user.display_name))
    # ok: django-mark-safe
    icon = mark_safe(ICON)
    # ok: django-mark-safe
    link = mark_safe(f'<a href="/users/{user.id:d}">{escape(user.name)}</a>')
    # ok: django-mark-safe
    header = mark_safe("<h1>" + "Instances" + "</h1>")
    safe_label = "<em>{}</em>".format(escape(user.name))
    # ok: django-mark-safe
    em = mark_safe(safe_label)
    # ok: django-mark-safe
    good = format_html("<b>{}</b>", user.display_name)
    return title, note, row_html, shown, cells, badge, icon, link, header, em, good
