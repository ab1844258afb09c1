from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import strutils

from cloudlab import exception

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


class ServerActions(object):

    def rebuild(self, context, instance, body):
        password = body['rebuild'].get('adminPass')
        # ruleid: secret-in-log
        LOG.debug("Rebuilding %(uuid)s with password %(pw)s", {'uuid': instance.uuid, 'pw': password})
        # ok: secret-in-log
        LOG.debug("Rebuild request: %s", strutils.mask_dict_password(body))
        # ok: secret-in-log
        LOG.debug("Rebuild of %s sets a password: %s", instance.uuid, password is not None)

    def set_password(self, instance, admin_password):
        # ruleid: secret-in-log
        LOG.info("Setting admin password %s on %s", admin_password, instance.uuid)
        # ok: secret-in-log
        LOG.info("Setting admin password on %s (length %d)", instance.uuid, len(admin_password))

    def proxy(self, req):
        # ruleid: secret-in-log
        LOG.debug("Forwarding request with token %s", req.headers['X-Auth-Token'])
        # ok: secret-in-log
        LOG.debug("Forwarding request for instance %s", req.headers['X-Instance-ID'])
        # ruleid: secret-in-log
        LOG.debug("Request headers: %s", req.headers)

    def connect(self):
        # ruleid: secret-in-log
        LOG.info("Connecting to database %s", CONF.database.connection)
        # ok: secret-in-log
        LOG.info("Connecting to database %s", strutils.mask_password(CONF.database.connection))

    def check(self, auth):
        token = auth.get('token')
        if not token:
            # ruleid: secret-in-log
            raise exception.Unauthorized("invalid token %s" % token)
        # ok: secret-in-log
        raise exception.Unauthorized(token_field='token')
