import copy

from oslo_config import cfg
import webob.dec
import websockify

CONF = cfg.CONF


class ConsoleProxyHandler(websockify.ProxyRequestHandler):

    def new_websocket_client(self):
        host = self.headers.get('Host').split(':')[0]
        allowed = CONF.console.allowed_origins or []
        # ruleid: shared-config-value-mutated[perRequest]
        allowed.append(host)
        if self.headers.get('Origin') not in allowed:
            raise ValueError('origin not allowed')

    def copied_first(self):
        host = self.headers.get('Host')
        allowed = list(CONF.console.allowed_origins)
        # ok: shared-config-value-mutated
        allowed.append(host)
        return allowed

    def sliced_copy(self):
        allowed = CONF.console.allowed_origins[:]
        # ok: shared-config-value-mutated
        allowed.extend(['localhost'])
        return allowed

    def rebuilt(self):
        allowed = CONF.console.allowed_origins + [self.headers.get('Host')]
        # ok: shared-config-value-mutated
        allowed.append('localhost')
        return allowed


class HeaderFilter(object):

    def __init__(self, app):
        self.app = app
        self.extra = CONF.api.extra_headers

    @webob.dec.wsgify
    def __call__(self, req):
        # ruleid: shared-config-value-mutated[perRequest]
        self.extra[req.headers.get('X-Name')] = req.headers.get('X-Value')
        return self.app


def load_plugins():
    plugins = cfg.CONF.service_plugins
    # ruleid: shared-config-value-mutated[shared]
    plugins.extend(['router', 'segments'])
    return plugins


def backend_names():
    # ruleid: shared-config-value-mutated[shared]
    CONF.enabled_backends.update({'reserved': 'file'})
    return CONF.enabled_backends


def prefixed_name(suffix):
    name = CONF.name_prefix
    # ok: shared-config-value-mutated
    name += suffix
    return name


def deep_copied():
    opts = copy.deepcopy(CONF.task_flow.ssl_options)
    # ok: shared-config-value-mutated
    opts['ssl'] = True
    return opts


def local_list():
    items = []
    # ok: shared-config-value-mutated
    items.append(CONF.host)
    return items
