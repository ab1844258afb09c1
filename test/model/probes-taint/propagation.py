import os
import sys

from nova.api.openstack import wsgi
from oslo_utils import uuidutils


class ProbeController(wsgi.Controller):
    def assignments(self, req, body):
        name = req.GET['name']  # taint: name
        ctx = req.environ['nova.context']  # clean: ctx
        agent = req.environ['HTTP_USER_AGENT']  # taint: agent
        a, (b, c) = name, ('x', name)  # taint: a, c
        d = e = name  # taint: d, e
        n = 5  # clean: n
        n += len(name)  # clean: n
        s = 'x'
        s += name  # taint: s
        self.label = name  # taint: self.label
        self.label = 'fixed'  # clean: self.label
        if (w := body.get('w')):
            ww = w  # taint: ww

    def strings(self, req, body):
        v = body['server']['name']  # taint: v
        f1 = f"hello {v}"  # taint: f1
        f2 = "hello %s" % v  # taint: f2
        f3 = "hello {}".format(v)  # taint: f3
        f4 = ", ".join([v, 'x'])  # taint: f4
        f5 = "a" + v.strip().lower()  # taint: f5
        f6 = "constant %s" % 'x'  # clean: f6
        size = int(v)  # clean: size

    def containers(self, req, body):
        items = []  # clean: items
        items.append(body['x'])  # taint: items
        opts = {}
        opts['k'] = body['y']  # taint: opts
        merged = {}
        merged.update(opts)  # taint: merged
        pairs = [(k, 1) for k in items]  # taint: pairs
        first = items[0]  # taint: first
        for item in items:
            seen = item  # taint: seen
        with open(first) as handle:  # clean: handle
            pass

    def branches(self, req, body):
        x = 'safe'
        if body:
            x = body['x']
        y = x  # taint: y
        z = body['z']
        if not uuidutils.is_uuid_like(z):
            raise ValueError(z)
        zz = z  # clean: zz
        q = body['q']
        while len(q) > 64:
            q = 'done'
        qq = q  # taint: qq
        w = body['w']
        if not w:
            ww = w  # clean: ww
        while w:
            w = w[1:]
        www = w  # clean: www
        r = 'clean'
        for i in range(3):
            t = r
            r = body['r']  # taint: r
        tt = t  # taint: tt
        try:
            u = body['u']
            u = 'reset'
        except KeyError as err:  # clean: err
            uu = u  # taint: uu
        m = body['m']
        if m is None:
            mm = m  # clean: mm

    def calls(self, req, body):
        echoed = self._echo(body['e'])  # taint: echoed
        constant = self._constant(body['e'])  # clean: constant
        via_fn = passthrough(body['p'])  # taint: via_fn
        unknown = some_library.process(body['p'])  # clean: unknown

    def _echo(self, value):
        return "echo: " + value

    def _constant(self, value):
        return "constant"


def passthrough(v):
    return v


def main():
    argv = sys.argv[1]  # taint: argv
    env = os.environ.get('HOME')  # taint: env
    typed = input()  # taint: typed
    plain = os.getcwd()  # clean: plain
