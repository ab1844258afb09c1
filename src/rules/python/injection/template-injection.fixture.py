import os

import jinja2
from jinja2 import sandbox
from mako.template import Template as MakoTemplate

GREETING = jinja2.Template("Hello {{ name }}")


def render(template, params, is_file=True):
    if is_file:
        folder, name = os.path.split(template)
        loader = jinja2.FileSystemLoader(folder)
    else:
        name = 'template'
        loader = jinja2.DictLoader({name: template})
    # ruleid: template-injection[environment]
    env = jinja2.Environment(
        loader=loader, autoescape=jinja2.select_autoescape())
    return env.get_template(name).render(params)


def render_sandboxed(template, params):
    loader = jinja2.DictLoader({'t': template})
    # ok: template-injection
    env = sandbox.SandboxedEnvironment(loader=loader)
    return env.get_template('t').render(params)


def render_text(text, **values):
    # ruleid: template-injection[text]
    return jinja2.Template(text).render(**values)


def render_with_env(body, values):
    env = jinja2.Environment(autoescape=True)
    # ruleid: template-injection[text]
    return env.from_string(body.strip()).render(values)


def render_with_sandbox(body, values):
    env = sandbox.ImmutableSandboxedEnvironment()
    # ok: template-injection
    return env.from_string(body).render(values)


def render_mako(source, values):
    # ruleid: template-injection[text]
    return MakoTemplate(text=source).render(**values)


def greet(name):
    # The template is the code's own; the parameter is only data.
    # ok: template-injection
    return jinja2.Template("Hi {{ who }}").render(who=name)


def from_directory(template_dir, name, values):
    # Templates loaded by name from the service's own directory.
    # ok: template-injection
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir))
    return env.get_template(name).render(values)
