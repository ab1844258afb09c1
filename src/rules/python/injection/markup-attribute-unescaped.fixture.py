import cgi
import html
from urllib.parse import quote
from xml.sax import saxutils

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe


def shelf_listing(owner, shelves):
    lines = ['<?xml version="1.0"?>',
             # ruleid: markup-attribute-unescaped[unescaped]
             '<shelf owner="%s">' % owner]
    for title, count in shelves:
        title = saxutils.escape(title)
        # Numbers in element content are not judged.
        # ok: markup-attribute-unescaped
        lines.append('<book><title>%s</title><count>%s</count></book>' % (title, count))
    return '\n'.join(lines)


def shelf_header(owner):
    # ruleid: markup-attribute-unescaped[weakEscape]
    return '<shelf owner="%s">' % saxutils.escape(owner)


def shelf_header_quoted(owner):
    # ok: markup-attribute-unescaped
    return '<shelf owner=%s>' % saxutils.quoteattr(owner)


def shelf_header_entities(owner):
    # ok: markup-attribute-unescaped
    return '<shelf owner="%s">' % saxutils.escape(owner, {'"': '&quot;'})


def link_cell(url, text, attrs):
    # ruleid: markup-attribute-unescaped[unescaped]
    return mark_safe('<a href="%s" %s>%s</a>' % (url,
                                                  # The pre-built attribute list is in tag position, not a value.
                                                  # ok: markup-attribute-unescaped
                                                  attrs,
                                                  escape(str(text))))


def link_cell_fixed(url, text):
    # ok: markup-attribute-unescaped
    return mark_safe('<a href="%s">%s</a>' % (escape(url), escape(text)))


def badge(label, level):
    # ruleid: markup-attribute-unescaped[weakEscape]
    return '<span title="{}">{}</span>'.format(cgi.escape(label), html.escape(level))


def badge_fstring(label, css):
    # ruleid: markup-attribute-unescaped[unescaped]
    return f'<span class="{css}">{html.escape(label)}</span>'


def plain_page(name, width):
    # Nothing in this function is escaped: no evidence the values are untrusted, and ints are safe anyway.
    # ok: markup-attribute-unescaped
    return '<img src="/static/%s.png" width="%d">' % (name, width)


def counts(total):
    # ok: markup-attribute-unescaped
    return '<td colspan="%d">%s</td>' % (int(total), html.escape(str(total)))


def not_markup(a, b):
    # ok: markup-attribute-unescaped
    return 'a < %s and b="%s"' % (a, html.escape(b))


def kind_row(kind, name):
    # The classes are escaped one by one inside the generator the join consumes.
    # ok: markup-attribute-unescaped
    return '<tr class="%s"><td>%s</td></tr>' % (' '.join('kind-' + html.escape(k) for k in kind.split('/')),
                                                html.escape(name))


def kind_row_raw(kind, name):
    # ruleid: markup-attribute-unescaped[unescaped]
    return '<tr class="%s"><td>%s</td></tr>' % (' '.join('kind-' + k for k in kind.split('/')), html.escape(name))


class Listing(object):
    def _sheet_path(self, depth):
        if self.sheet.startswith('/'):
            path = quote(self.sheet, ':/')
        else:
            path = '../' * depth + quote(self.sheet)
        return path

    def _raw_path(self, depth):
        return '../' * depth + self.sheet

    def head(self, label, depth):
        # A URL-quoted path built by a method of this class, and a quoted name with a literal suffix.
        # ok: markup-attribute-unescaped
        out = '<link rel="stylesheet" href="%s" /><title>%s</title>' % (self._sheet_path(depth), html.escape(label))
        # ok: markup-attribute-unescaped
        out += '<a href="./%s">%s</a>' % (quote(label).replace('.', '%2E') + '?raw', html.escape(label))
        return out

    def head_raw(self, label, depth, query):
        # ruleid: markup-attribute-unescaped[unescaped]
        out = '<link rel="stylesheet" href="%s" /><title>%s</title>' % (self._raw_path(depth), html.escape(label))
        # ruleid: markup-attribute-unescaped[unescaped]
        out += '<a href="./%s">%s</a>' % (quote(label) + query, html.escape(label))
        return out


def server_link(server_id, name):
    # reverse() percent-encodes its arguments and leaves no `"`: the path cannot close a double-quoted value.
    # ok: markup-attribute-unescaped
    return '<a href="%s">%s</a>' % (reverse('servers:detail', args=(server_id,)), html.escape(name))


def server_link_single(server_id, name):
    # It leaves `'` (an RFC 3986 sub-delimiter) as it is, which closes a single-quoted value.
    # ruleid: markup-attribute-unescaped[unescaped]
    return "<a href='%s'>%s</a>" % (reverse('servers:detail', args=(server_id,)), html.escape(name))


def quoted_with_quotes_left(path, name):
    # A `safe` set that keeps `"` lets the value close the attribute.
    # ruleid: markup-attribute-unescaped[unescaped]
    return '<a href="%s">%s</a>' % (quote(path, safe='/"'), html.escape(name))


def quoted_unquoted_attribute(path, name):
    # `quote` encodes spaces, quotes and `>`: safe even in an unquoted value.
    # ok: markup-attribute-unescaped
    return '<a href=%s>%s</a>' % (quote(path), html.escape(name))
