from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.template.defaultfilters import timesince
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.safestring import mark_safe as trusted
from django.utils.translation import gettext_lazy as _


ICON = '<i class="icon"></i>'
BANNER = '<div class="banner"></div>'
OPEN_TAG, CLOSE_TAG = ('<p>', '</p>')


def set_banner(text):
    global BANNER
    BANNER = text


def banner():
    # ruleid: django-mark-safe
    return mark_safe(BANNER)


def paragraph(parts):
    # ok: django-mark-safe
    start = mark_safe(OPEN_TAG)
    tag = CLOSE_TAG
    # ok: django-mark-safe
    end = mark_safe(tag)
    wrapper = '<div>'
    wrapper = '{}{}'.format(wrapper, tag)
    # ok: django-mark-safe
    outer = mark_safe(wrapper)
    piece = ''
    for p in parts:
        piece += '<br>'
    # ok: django-mark-safe
    gap = mark_safe(piece)
    first, rest = parts[0], parts[1:]
    # ruleid: django-mark-safe
    head = mark_safe(first)
    for p in parts:
        piece += p
    # ruleid: django-mark-safe
    body = mark_safe(piece)
    return start, end, outer, gap, head, rest, body


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


def status_badge(item, note):
    if item.owner:
        owner = escape(item.owner.name)
    else:
        owner = _("Nobody")
    # ok: django-mark-safe
    owned = mark_safe(owner)
    hint = _("This item is frozen.") if item.frozen else _("This item is live.")
    # ok: django-mark-safe
    badge = mark_safe('<span title="{}"></span>'.format(hint))
    # ruleid: django-mark-safe
    noted = mark_safe(_(note))
    return owned, badge, noted


def since(dt, seconds, label, items):
    # Numbers under numeric conversions and Django text that holds no markup: safe, though Bandit cannot tell.
    # ruleid: django-mark-safe[reasoned]
    a = mark_safe('<span data-seconds="%d">%s</span>' % (seconds, timesince(dt)))
    # ruleid: django-mark-safe[reasoned]
    b = mark_safe(_('Traced %(n)d times. Go to <a href="%(url)s">page</a>') % {'n': seconds, 'url': reverse('index')})
    # %s of a parameter is not a number.
    # ruleid: django-mark-safe[unescaped]
    c = mark_safe('<span data-seconds="%s">%s</span>' % (seconds, timesince(dt)))
    # %c prints a character, which may be '<'.
    # ruleid: django-mark-safe[unescaped]
    d = mark_safe('<b>%c</b>' % seconds)
    # ruleid: django-mark-safe[unescaped]
    e = mark_safe(_('Go to <a href="%(url)s">%(label)s</a>') % {'url': reverse('index'), 'label': label})
    # ruleid: django-mark-safe[reasoned]
    f = mark_safe(linked_name(items[0], 'detail'))
    # ruleid: django-mark-safe[unescaped]
    g = mark_safe(raw_name(items[0]))
    # ruleid: django-mark-safe[unescaped]
    h = mark_safe(names(items))
    return a, b, c, d, e, f, g, h


def linked_name(item, view):
    try:
        url = reverse(view, args=(item.id,))
        link = '<a href="%s">%s</a>' % (url, escape(item.name))
    except NoReverseMatch:
        link = escape(item.name)
    return link


def raw_name(item):
    if item.name:
        return '<em>%s</em>' % item.name
    return escape(item.id)


def names(items):
    for item in items:
        yield escape(item.name)


class Placeholder:
    # A module constant read in a class body, as at class creation.
    # ok: django-mark-safe
    empty = mark_safe(ICON)


class Shadowed:
    ICON = Placeholder.__name__.lower()
    # The class body binds the name itself.
    # ruleid: django-mark-safe[unescaped]
    icon = mark_safe(ICON)


def attachment_links(attachments):
    parts = []
    for attachment in attachments:
        parts.append('<a href="%s">%s</a>' % (attachment.url, attachment.name))
    # The list starts empty; what the loop appends is unescaped.
    # ruleid: django-mark-safe[unescaped]
    return mark_safe(", ".join(parts))


def escaped_links(attachments):
    parts = []
    for attachment in attachments:
        parts.append(format_html('<a href="{}">{}</a>', attachment.url, attachment.name))
    parts.insert(0, ICON)
    # ok: django-mark-safe
    return mark_safe(", ".join(parts))


def labelled_cells(row):
    cells = {}
    cells['name'] = row.name
    # ruleid: django-mark-safe[unescaped]
    return mark_safe("<td>%(name)s</td>" % cells)
