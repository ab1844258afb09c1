from mako import template
from mako.lookup import TemplateLookup
from mako.template import Template


def render(source, values, directories):
    # ruleid: mako-templates
    page = Template(source).render(**values)
    # ruleid: mako-templates
    other = template.Template(source, default_filters=["str"])
    # ruleid: mako-templates
    lookup = TemplateLookup(directories=directories)
    # ok: mako-templates
    safe = Template(source, default_filters=["h"]).render(**values)
    # ok: mako-templates
    safe_lookup = TemplateLookup(directories=directories, default_filters=["str", "h"])
    # ok: mako-templates
    string_template = StringTemplate(source)
    return page, other, lookup, safe, safe_lookup, string_template
