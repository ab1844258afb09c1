import json
from urllib import parse

from django import template
from django.template.defaultfilters import register as builtin
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()
other = object()


@register.filter
def output_link(output):
    if not output:
        return ''
    if isinstance(output, (dict, list)):
        # ruleid: django-filter-markup-unescaped
        return '<pre>%s</pre>' % json.dumps(output, indent=2)
    parts = parse.urlsplit(output)
    if parts.scheme in ('http', 'https'):
        # ruleid: django-filter-markup-unescaped
        return '<a href="{0}" target="_blank">{0}</a>'.format(output)
    return output


@register.filter(is_safe=True)
def badge(name):
    # ruleid: django-filter-markup-unescaped
    return f'<span class="badge">{name}</span>'


@register.filter
def escaped_badge(name):
    # ok: django-filter-markup-unescaped
    return '<span class="badge">%s</span>' % conditional_escape(name)


@register.filter
def counted(items):
    # ok: django-filter-markup-unescaped
    return '<span class="count">%d</span>' % len(items)


@register.filter
def formatted(name):
    # ok: django-filter-markup-unescaped
    return format_html('<b>{}</b>', name)


@register.filter
def plain(name):
    # Text without tags: the template escapes it.
    # ok: django-filter-markup-unescaped
    return 'Name: %s' % name


@register.filter
def marked(name):
    # Left to django-mark-safe.
    # ok: django-filter-markup-unescaped
    return mark_safe('<b>%s</b>' % name)


def helper(name):
    # Not a template filter.
    # ok: django-filter-markup-unescaped
    return '<b>%s</b>' % name


@other.filter
def not_django(name):
    # ok: django-filter-markup-unescaped
    return '<b>%s</b>' % name


@builtin.filter
def on_builtin_library(name):
    # ruleid: django-filter-markup-unescaped
    return '<em>%s</em>' % name
