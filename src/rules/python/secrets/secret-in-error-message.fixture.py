import webob.exc
from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import strutils

from shipyard import errors
from shipyard.i18n import _

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

store_opts = [
    cfg.StrOpt('store_user'),
    cfg.StrOpt('store_key', secret=True),
]
CONF.register_opts(store_opts, group='object_store')


def run(channel, argv):
    LOG.debug("running %s", strutils.mask_password(' '.join(argv)))
    status = channel.run(argv)
    if status != 0:
        # ruleid: secret-in-error-message
        raise errors.CommandFailed(status=status, command=' '.join(argv))
    if status is None:
        # ok: secret-in-error-message
        raise errors.CommandFailed(status=status, command=strutils.mask_password(' '.join(argv)))
    return status


def connect(endpoint):
    user = CONF.object_store.store_user
    key = CONF.object_store.store_key
    if not endpoint:
        # ruleid: secret-in-error-message
        raise errors.StoreUnreachable("cannot reach %s as %s:%s" % (endpoint, user, key))
    if endpoint.startswith('http:'):
        # ok: secret-in-error-message
        raise errors.StoreUnreachable("refusing plain http for %s as %s" % (endpoint, user))
    return endpoint


def check_token(req):
    token = req.headers.get('X-Auth-Token')
    if token is None:
        # ok: secret-in-error-message
        raise webob.exc.HTTPUnauthorized(explanation='no token')
    if len(token) > 4096:
        # ruleid: secret-in-error-message
        raise webob.exc.HTTPBadRequest(explanation='token %s too long' % token)
    # ok: secret-in-error-message
    raise webob.exc.HTTPForbidden(explanation='token of length %d rejected' % len(token))


class SyncGate(object):
    # A wsgify middleware: its whole request holds every header. `request=` binds the request an error response
    # answers; the message is built from other values.
    @webob.dec.wsgify
    def __call__(self, req):
        if not req.path.startswith('/v1/'):
            # ok: secret-in-error-message
            raise webob.exc.HTTPBadRequest(explanation='unsupported path', request=req)
        if req.method not in ('GET', 'PUT'):
            # ruleid: secret-in-error-message
            raise webob.exc.HTTPBadRequest(explanation='bad request %s' % req)
        return req.get_response(self.app)


class Dispatcher(object):
    # `params` is a masked mapping: rebuilt from its items, its keys are still the argument names, not secrets.
    def call(self, func, params):
        LOG.debug("call with %s", strutils.mask_dict_password(params))
        params = {name: self.convert(value) for name, value in params.items()}
        try:
            return func(**params)
        except TypeError:
            # ok: secret-in-error-message
            raise errors.BadArguments(names=', '.join(params))

    def call_raw(self, func, params):
        LOG.debug("call with %s", strutils.mask_dict_password(params))
        try:
            return func(**params)
        except TypeError:
            # ruleid: secret-in-error-message
            raise errors.BadArguments(values=', '.join(params.values()))


def check_scheme(environ):
    scheme, _, credentials = environ['HTTP_AUTHORIZATION'].partition(' ')
    if scheme.lower() != 'basic':
        # ok: secret-in-error-message
        raise webob.exc.HTTPBadRequest(explanation='unsupported scheme %s' % scheme)
    if len(credentials) > 512:
        # ruleid: secret-in-error-message
        raise webob.exc.HTTPBadRequest(explanation='bad credentials %s' % credentials)


def object_url(container, name):
    # The URL embeds the store key; `% locals()` renders whichever variables the format names.
    url = 'swift://%s:%s@%s/%s' % (CONF.object_store.store_user, CONF.object_store.store_key, container, name)
    if not name:
        # ok: secret-in-error-message
        raise errors.NotFound(_("no object name in container %(container)s") % locals())
    if '/' in name:
        # ruleid: secret-in-error-message
        raise errors.NotFound(_("bad object location %(url)s") % locals())
    return url


class BlobLocation(object):
    # The location renders its own URI with the store credentials in the userinfo; nothing marks `user` or
    # `key` secret but the URL syntax (RFC 3986 §3.2.1: the text after the userinfo's colon is a password).
    def _userinfo(self):
        if self.user and self.key:
            return '%s:%s@' % (self.user, self.key)
        return ''

    def get_uri(self):
        return 'blob+https://%s%s/%s' % (self._userinfo(), self.host, self.path)

    def public_uri(self):
        return 'blob+https://%s/%s' % (self.host, self.path)

    def describe(self):
        return 'blob+https://%s:%s@%s/%s' % (self.user, '***', self.host, self.path)


def fetch_blob(location, client):
    loc = location.store_location
    try:
        return client.get(loc.path)
    except KeyError:
        uri = loc.get_uri()
        # ruleid: secret-in-error-message
        raise errors.NotFound(_("no blob at %(uri)s") % locals())
    except ValueError:
        # ruleid: secret-in-error-message
        raise errors.Duplicate(_("blob already at %s") % loc.get_uri())
    except IndexError:
        uri = loc.public_uri()
        # ok: secret-in-error-message
        raise errors.NotFound(_("no blob at %(uri)s") % locals())
    except TypeError:
        # ok: secret-in-error-message
        raise errors.NotFound(_("no blob at %s") % loc.describe())


def open_blob(client, blob_id):
    # An object of an imported module is not this file's location, whatever its method is called.
    # ok: secret-in-error-message
    raise errors.NotFound(_("no blob at %s") % webob.exc.get_uri(blob_id))


def target_of(session):
    if session.get('secret') is None:
        # ruleid: secret-in-error-message
        raise errors.NotFound(_("incomplete session %s") % session)
    if session.get('host') is None:
        # ok: secret-in-error-message
        raise errors.NotFound(_("session %s has no host") % session.get('name'))
    return session['host'], session['secret']
