import six
import webob.exc as exc

from nova.api.openstack import wsgi


class ServersController(wsgi.Controller):

    def _validate_display_name(self, value):
        if not isinstance(value, six.string_types):
            raise exc.HTTPBadRequest(explanation='name must be a string')
        # ruleid: validator-without-length-limit
        if value.strip() == '':
            raise exc.HTTPBadRequest(explanation='name must not be empty')

    def _validate_display_name_bounded(self, value):
        if not isinstance(value, six.string_types):
            raise exc.HTTPBadRequest(explanation='name must be a string')
        # ok: validator-without-length-limit
        if value.strip() == '':
            raise exc.HTTPBadRequest(explanation='name must not be empty')
        if len(value) > 255:
            raise exc.HTTPBadRequest(explanation='name is too long')

    def _validate_flavor_ref(self, value):
        # ok: validator-without-length-limit
        if not isinstance(value, six.string_types):
            raise exc.HTTPBadRequest(explanation='flavorRef must be a string')

    def _validate_tag_name(self, value):
        # ok: validator-without-length-limit
        if not __import__('re').match(r'^[a-z0-9-]{1,60}$', value):
            raise exc.HTTPBadRequest(explanation='bad tag')

    def create(self, req, body):
        server = body['server']
        name = server['name']
        self._validate_display_name(name)
        self._validate_display_name_bounded(name)
        self._validate_flavor_ref(server['flavorRef'])
        for tag in server.get('tags', []):
            self._validate_tag_name(tag)


def validate_pool_names(wanted, available):
    # ok: validator-without-length-limit
    if not wanted:
        return available
    return [p for p in available if p in set(wanted)]


class StoragePolicy(object):
    """The names come from the operator's configuration file, not from a request."""

    def __init__(self, idx, name):
        self.idx = idx
        self._validate_policy_name(name)
        self.name = name

    def _validate_policy_name(self, name):
        if not name:
            raise ValueError('Invalid name %r' % name)
        # ok: validator-without-length-limit
        if name.upper() == 'POLICY-0' and self.idx != 0:
            raise ValueError('The name %s is reserved' % name)
