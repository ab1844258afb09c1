import ast
import pickle

import jinja2
import yaml

from nova.api.openstack import wsgi


class ToolsController(wsgi.Controller):
    def calc(self, req, body):
        expr = body['expression']
        # ruleid: code-injection[eval]
        result = eval(expr)
        # ok: code-injection
        literal = ast.literal_eval(expr)
        return result, literal

    def config(self, req):
        data = req.body
        # ruleid: code-injection[yaml]
        conf = yaml.load(data)
        # ok: code-injection
        safe = yaml.load(data, Loader=yaml.SafeLoader)
        # ok: code-injection
        also_safe = yaml.safe_load(data)
        return conf, safe, also_safe

    def render(self, req, body):
        tmpl = "Hello " + body['greeting']
        # ruleid: code-injection[template]
        page = jinja2.Template(tmpl).render()
        # ok: code-injection
        fixed = jinja2.Template("Hello {{ name }}").render(name=body['greeting'])
        return page, fixed

    def restore(self, req):
        # ruleid: code-injection[pickle]
        state = pickle.loads(req.body)
        # ok: code-injection
        fields = ast.literal_eval(req.body.decode())
        return state, fields

    def run(self, req, body):
        code = compile_source(body['code'])
        return code


def compile_source(src):
    # ruleid: code-injection
    return compile(src, '<api>', 'exec')


def evaluate_constant():
    # ok: code-injection
    return eval("1 + 2")
