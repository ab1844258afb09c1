import six
import webob
from oslo_config import cfg
from oslo_utils import strutils

from shipyard.openstack.common.notifier import api as notifier_api

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


class RequestAuditor(object):
    """Sends every API request to the notification bus, through oslo-incubator's notifier API."""

    @staticmethod
    def request_fields(environ):
        return dict((k, v) for k, v in six.iteritems(environ) if k.isupper())

    @staticmethod
    def request_path(environ):
        return environ.get('SCRIPT_NAME', '') + environ.get('PATH_INFO', '')

    def audit(self, request):
        request.environ['HTTP_X_AUDITED'] = 'yes'
        payload = {'request': self.request_fields(request.environ)}
        # ruleid: secret-in-response[notification]
        notifier_api.notify(None, 'api.host', 'http.request', notifier_api.INFO, payload)

    def audit_path(self, request):
        payload = {'path': self.request_path(request.environ)}
        # ok: secret-in-response
        notifier_api.notify(None, 'api.host', 'http.request', notifier_api.INFO, payload)
