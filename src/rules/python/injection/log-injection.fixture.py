import logging

import webob.dec
from oslo_log import log
from oslo_utils import strutils

from nova.api.openstack import wsgi
from nova.api import validation

LOG = log.getLogger(__name__)


class KeypairsController(wsgi.Controller):
    def show(self, req, id):
        name = req.GET['name']
        # ruleid: log-injection
        LOG.info("showing keypair %s", name)
        # ok: log-injection
        LOG.info("showing keypair %r", name)
        # ok: log-injection
        LOG.info("showing keypair %s", name.replace('\n', ' '))

    def create(self, req, body):
        keypair = body['keypair']
        label = "keypair %(name)s" % {'name': keypair['name']}
        # ruleid: log-injection
        LOG.debug(label)
        # A dict is logged with repr(): newlines inside it are escaped.
        # ok: log-injection
        LOG.debug("create request %s", body)

    @validation.schema({'type': 'object'})
    def update(self, req, id, body):
        # The schema restricts strings to printable characters.
        # ok: log-injection
        LOG.info("updating %s", body['keypair']['name'])

    def headers(self, req, id):
        # Header values cannot carry a raw newline.
        # ok: log-injection
        LOG.info("request id %s", req.headers.get('X-Request-Id'))

    def masked(self, req, body):
        # ok: log-injection
        LOG.debug("auth %s", strutils.mask_password(body['auth']['secret']))

    @validation.schema({'type': 'object'})
    def reset(self, req, id, body):
        return self._reset(req, id, body)

    def _reset(self, req, id, body):
        # A private helper is not routed to: its body comes from the validated action above.
        # ok: log-injection
        LOG.info("resetting to %s", body['reset']['status'])

    def delegated(self, req, body):
        self._audit(body['reason'])

    def _audit(self, reason):
        # ruleid: log-injection
        logging.warning("audit: " + reason)


@webob.dec.wsgify
def echo(req):
    path = req.environ.get('PATH_INFO', '')
    # ruleid: log-injection
    LOG.info("path %s", path)
    # ok: log-injection
    LOG.info("agent %s", req.environ.get('HTTP_USER_AGENT'))
