from django.template import defaultfilters
from django.template.defaultfilters import linebreaksbr
from django.utils import html

from horizon import tables


class UsersTable(tables.DataTable):
    email = tables.Column('email',
                          filters=(lambda v: defaultfilters.default_if_none(v, ""),
                                   # ruleid: django-autoescape-filter-unescaped
                                   defaultfilters.urlize))
    # Escaped first in the chain.
    # ok: django-autoescape-filter-unescaped
    mail = tables.Column('email', filters=(defaultfilters.escape, defaultfilters.urlize))
    # A lambda that escapes before.
    # ok: django-autoescape-filter-unescaped
    notes = tables.Column('notes', filters=[lambda v: html.escape(v), defaultfilters.linebreaksbr])


def describe(user):
    # ruleid: django-autoescape-filter-unescaped
    return linebreaksbr(user.description)


def describe_off(user):
    # ruleid: django-autoescape-filter-unescaped
    return defaultfilters.urlize(user.email, autoescape=False)


def describe_on(user):
    # ok: django-autoescape-filter-unescaped
    return defaultfilters.urlize(user.email, autoescape=True)


def describe_escaped(user):
    # ok: django-autoescape-filter-unescaped
    return defaultfilters.urlize(html.escape(user.email))


def is_link_column(column):
    # A comparison against the filter is not a use of it.
    # ok: django-autoescape-filter-unescaped
    return defaultfilters.urlize in column.filters
