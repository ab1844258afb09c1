import webob
from oslo_config import cfg
from oslo_utils import strutils

CONF = cfg.CONF
CONF.register_opts([cfg.StrOpt('relay_secret', secret=True), cfg.StrOpt('relay_host')], group='relay')


class Relay(object):

    def __init__(self, notifier):
        self.notifier = notifier

    def announce(self, context, body):
        payload = {'host': CONF.relay.relay_host, 'secret': CONF.relay.relay_secret}
        # ruleid: secret-in-response[notification]
        self.notifier.info(context, 'relay.started', payload)
        # ok: secret-in-response
        self.notifier.info(context, 'relay.started', {'host': CONF.relay.relay_host})
        # ok: secret-in-response
        self.notifier.info(context, 'relay.started', strutils.mask_dict_password(payload))

    def whoami(self, req):
        token = req.headers['X-Subject-Token']
        # ruleid: secret-in-response[response]
        return webob.Response(json_body={'token': token})

    def health(self, req):
        # ok: secret-in-response
        return webob.Response(json_body={'request_id': req.headers.get('X-Request-Id')})
