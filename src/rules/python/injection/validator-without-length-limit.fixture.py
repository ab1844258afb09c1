import six
import webob.exc as exc


class ServersController(object):

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


def validate_pool_names(wanted, available):
    # ok: validator-without-length-limit
    if not wanted:
        return available
    return [p for p in available if p in set(wanted)]
