from oslo_config import cfg
from oslo_utils import strutils

OPTS = [
    cfg.BoolOpt('cache_catalog', default=True),
    cfg.BoolOpt('skip_tls', default=False),
    cfg.StrOpt('log_name'),
]


class Limiter(object):
    def __init__(self, app, conf):
        self.app = app
        self.conf = conf
        # ruleid: config-string-used-as-boolean
        self.bypass_admin = conf.get('bypass_admin', False)
        # ok: config-string-used-as-boolean
        self.strict = strutils.bool_from_string(conf.get('strict', False))
        # ok: config-string-used-as-boolean
        self.verbose = conf.get('verbose', 'no').lower() in ('1', 'true', 'yes')
        # ok: config-string-used-as-boolean
        self.log_name = conf.get('log_name', 'limiter')

    def __call__(self, env, start_response):
        if self.bypass_admin and env.get('is_admin'):
            return self.app(env, start_response)
        # ruleid: config-string-used-as-boolean
        if not self.conf.get('cache_catalog'):
            env['catalog'] = None
        # ok: config-string-used-as-boolean
        if self.log_name:
            env['log'] = self.log_name
        # ok: config-string-used-as-boolean
        if self.conf.get('skip_tls'):
            env['verify'] = False
        return self.app(env, start_response)


class Typed(object):
    def __init__(self, app, conf):
        # ok: config-string-used-as-boolean
        self.bypass_admin = conf.get('bypass_admin', False)

    def __call__(self, env, start_response):
        return self.bypass_admin


def filter_factory(global_conf, **local_conf):
    conf = global_conf.copy()
    conf.update(local_conf)

    def limiter(app):
        return Limiter(app, conf)
    return limiter


def build(app):
    return Typed(app, {'bypass_admin': cfg.CONF.bypass_admin})
