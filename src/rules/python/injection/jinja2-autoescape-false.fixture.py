import jinja2
from jinja2 import Environment as Env
from jinja2 import select_autoescape
from jinja2.sandbox import SandboxedEnvironment


def environments(loader, escape, options):
    # ruleid: jinja2-autoescape-false
    plain = jinja2.Environment(loader=loader)
    # ruleid: jinja2-autoescape-false
    off = Env(loader=loader, autoescape=False)
    # ruleid: jinja2-autoescape-false
    sandbox = SandboxedEnvironment()
    # ruleid: jinja2-autoescape-false
    chosen = jinja2.Environment(loader=loader, autoescape=escape)
    # ruleid: jinja2-autoescape-false
    opaque = jinja2.Environment(**options)
    # ok: jinja2-autoescape-false
    on = jinja2.Environment(loader=loader, autoescape=True)
    # ok: jinja2-autoescape-false
    by_ext = Env(loader=loader, autoescape=select_autoescape(["html", "xml"]))
    # ok: jinja2-autoescape-false
    by_fn = jinja2.Environment(loader=loader, autoescape=lambda name: name.endswith(".html"))
    # ok: jinja2-autoescape-false
    loader_only = jinja2.FileSystemLoader("templates")
    return plain, off, sandbox, chosen, opaque, on, by_ext, by_fn, loader_only
