from oslo_config import cfg
from oslo_utils import strutils
import requests

_OPTS = [
    cfg.BoolOpt('skip_cert_check', default=False),
    cfg.BoolOpt('trace', default=False),
    cfg.StrOpt('ca_bundle'),
]
CONF = cfg.CONF


class GateKeeper(object):
    """Stores the raw paste strings and passes a boolean option to insecure=."""

    def __init__(self, app, settings):
        self.app = app
        # ruleid: tls-flag-read-as-string[flag]
        self.settings = settings

    def _opt(self, name):
        if name in self.settings:
            return self.settings[name]
        return CONF.gate[name]

    def session(self):
        return make_session(cafile=self._opt('ca_bundle'), insecure=self._opt('skip_cert_check'))


class Forwarder(object):
    """Tests the raw string for truth and turns verification off in the branch."""

    def __init__(self, app, options):
        self.app = app
        # ruleid: tls-flag-read-as-string[flag]
        self.options = options
        self.no_verify = self.options.get('skip_cert_check')

    def send(self, url):
        kwargs = {'timeout': 5}
        if self.no_verify:
            kwargs['verify'] = False
        return requests.get(url, **kwargs)


class Converted(object):
    """Converts before use: nothing to report."""

    def __init__(self, app, options):
        self.app = app
        # ok: tls-flag-read-as-string
        self.options = options
        self.no_verify = strutils.bool_from_string(self.options.get('skip_cert_check', 'false'))

    def send(self, url):
        return requests.get(url, verify=not self.no_verify, timeout=5)


class OnlyTracing(object):
    """A boolean option read as a string, but it decides no TLS setting."""

    def __init__(self, app, options):
        self.app = app
        # ok: tls-flag-read-as-string
        self.options = options

    def __call__(self, env, start_response):
        if self.options.get('trace'):
            env['trace'] = True
        return self.app(env, start_response)


class Compared(object):
    """Compares the string with the spellings of true, as paste users must."""

    def __init__(self, app, options):
        self.app = app
        # ok: tls-flag-read-as-string
        self.options = options
        self.no_verify = self.options.get('skip_cert_check') in ('true', '1', 'yes')

    def send(self, url):
        return requests.get(url, verify=not self.no_verify, timeout=5)


def make_session(cafile=None, insecure=False):
    return (cafile, insecure)


def filter_factory(global_conf, **local_conf):
    conf = global_conf.copy()
    conf.update(local_conf)

    def _filter(app):
        return GateKeeper(app, conf)
    return _filter


def forwarder_factory(global_conf, **local_conf):
    return Forwarder(None, dict(global_conf, **local_conf))


def converted_factory(global_conf, **local_conf):
    return Converted(None, local_conf)


def tracing_factory(global_conf, **local_conf):
    return OnlyTracing(None, local_conf)


def compared_factory(global_conf, **local_conf):
    return Compared(None, local_conf)


class NotFromPaste(object):
    """Built from typed oslo.config values, not from a paste dict."""

    def __init__(self, app, options):
        # ok: tls-flag-read-as-string
        self.options = options

    def send(self, url):
        return requests.get(url, verify=not self.options.get('skip_cert_check'), timeout=5)


def build(app):
    return NotFromPaste(app, {'skip_cert_check': CONF.gate.skip_cert_check})


def env_client(url):
    import os
    # ruleid: tls-flag-read-as-string[source]
    insecure = os.environ.get('CLIENT_INSECURE', False)
    # ok: tls-flag-read-as-string
    bundle = os.environ.get('CLIENT_CA_BUNDLE')
    # ok: tls-flag-read-as-string
    debug = os.environ.get('CLIENT_DEBUG')
    if debug:
        print(url)
    return requests.get(url, verify=bundle or not insecure, timeout=5)


def ini_client(url, path):
    import configparser
    parser = configparser.ConfigParser()
    parser.read(path)
    # ruleid: tls-flag-read-as-string[source]
    return make_session(insecure=parser.get('client', 'insecure'))


def ini_typed(url, path):
    import configparser
    parser = configparser.ConfigParser()
    parser.read(path)
    # ok: tls-flag-read-as-string
    return make_session(insecure=parser.getboolean('client', 'insecure'))


class Relay(object):
    """Reads the flag once from the dict it does not keep; the branch sets an attribute later passed as verify=."""

    def __init__(self, app, conf):
        self.app = app
        # ruleid: tls-flag-read-as-string[flag]
        skip = conf.get('skip_cert_check', False)
        if skip:
            self._tls = False
        else:
            self._tls = conf.get('ca_bundle') or True

    def send(self, url):
        return requests.get(url, verify=self._tls, timeout=5)


class StreamRelay(object):
    """The branch sets an attribute that reaches no TLS parameter."""

    def __init__(self, app, conf):
        self.app = app
        # ok: tls-flag-read-as-string
        trace = conf.get('trace', False)
        if trace:
            self._stream = True
        else:
            self._stream = False

    def send(self, url):
        return requests.get(url, stream=self._stream, timeout=5)


def relay_factory(global_conf, **local_conf):
    return Relay(None, local_conf)


def stream_factory(global_conf, **local_conf):
    return StreamRelay(None, local_conf)
