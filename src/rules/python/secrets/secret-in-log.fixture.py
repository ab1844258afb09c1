import base64
import hashlib
from urllib import parse as urlparse

import webob.dec
from keystoneauth1 import identity
from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import strutils

from shipyard.i18n import _LI

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

vault_group = cfg.OptGroup('vault', title='Vault options')
vault_opts = [
    cfg.StrOpt('root_token', secret=True),
    cfg.StrOpt('endpoint'),
]
CONF.register_group(vault_group)
CONF.register_opts(vault_opts, group=vault_group)


class Bootstrap(object):

    def open_vault(self):
        # ruleid: secret-in-log
        LOG.info("opening vault at %s with %s", CONF.vault.endpoint, CONF.vault.root_token)
        # ok: secret-in-log
        LOG.info("opening vault at %s", CONF.vault.endpoint)
        # ok: secret-in-log
        LOG.info("vault token configured: %s", CONF.vault.root_token is not None)
        # ok: secret-in-log
        LOG.info("vault token length: %d", len(CONF.vault.root_token))
        # ok: secret-in-log
        LOG.info("vault token: %s", strutils.mask_password(CONF.vault.root_token))

    def open_database(self):
        url = CONF.database.connection
        # ruleid: secret-in-log
        LOG.debug("database url: %s", url)

    def proxy(self, req):
        token = req.headers.get('X-Subject-Token')
        # ruleid: secret-in-log
        LOG.debug("validating %s", token)
        # ok: secret-in-log
        LOG.debug("validating token whose digest is %s", hashlib.sha256(token.encode()).hexdigest())
        # ok: secret-in-log
        LOG.debug("request for server %s", req.headers.get('X-Server-Id'))
        # `setdefault` returns the one header, not the header set.
        index = req.headers.setdefault('X-Backend-Index', '0')
        # ok: secret-in-log
        LOG.error("bad index %s", index)
        token_again = req.headers.setdefault('X-Auth-Token', '')
        # ruleid: secret-in-log
        LOG.error("token %s", token_again)

    def describe(self, token_ref):
        # ok: secret-in-log
        LOG.debug("token issued to %s", token_ref.user_id)

    def login(self, body):
        creds = body['auth']['passwordCredentials']
        # ruleid: secret-in-log
        LOG.debug("login attempt: %s", creds)
        # ok: secret-in-log
        LOG.debug("login attempt for %s", body['auth'].get('tenantName'))


def run_remote(shell, command):
    # ok: secret-in-log
    LOG.debug("running %s", strutils.mask_password(command))
    try:
        return shell.run(command)
    except IOError:
        # ruleid: secret-in-log
        LOG.warning("%r failed, retrying", command)
        return shell.run(command)


def run_argv(shell, *argv):
    # mask_password reads text: given the list, it masks the list's repr, where '--password' and its value are
    # separate quoted items, and the joined items are the plain command.
    # ruleid: secret-in-log
    LOG.debug("running %s", ' '.join(strutils.mask_password(argv)))
    # ok: secret-in-log
    LOG.debug("running %s", strutils.mask_password(' '.join(argv)))
    return shell.run(argv)


def run_local(command):
    # ruleid: secret-in-log
    LOG.debug("running locally: %s", command)


def make_session(user, secret_value, url):
    auth = identity.Password(auth_url=url, username=user, password=secret_value)
    # ruleid: secret-in-log
    LOG.debug("authenticating %s with %s", user, secret_value)
    # ok: secret-in-log
    LOG.debug("authenticating %s at %s", user, url)
    return auth


@webob.dec.wsgify
def middleware(req):
    # ruleid: secret-in-log
    LOG.error("request failed: %s", req)
    # ok: secret-in-log
    LOG.error("request failed: %s %s", req.method, req.path)


def add_flow(bridge, **kwargs):
    kwargs['cookie'] = str(kwargs['cookie'])
    # ok: secret-in-log
    LOG.debug("adding flow with cookie %s", kwargs['cookie'])


def login(session):
    reply = session.post('/login')
    # ruleid: secret-in-log
    LOG.info("logged in, session key %s", reply.headers.get('Authorization'))


def set_target_chap(client, target, username, chap_password):
    # ruleid: secret-in-log
    LOG.debug("setting CHAP credentials %(user)s / %(pw)s", {'user': username, 'pw': chap_password})
    # ok: secret-in-log
    LOG.debug("CHAP password set for %s (%d characters)", username, len(chap_password))
    client.set_auth(target, username, chap_password)


def rotate(secret_ref, password_expires_at):
    # ok: secret-in-log
    LOG.info("rotating secret %s, expiry %s", secret_ref, password_expires_at)


def inject_all(fs, key=None, admin_password=None):
    items = {'key': key, 'admin_password': admin_password}
    for name, value in items.items():
        # ok: secret-in-log
        LOG.warning("could not inject %s into the image", name)
        # ruleid: secret-in-log
        LOG.debug("injecting %s", value)



class ArrayShell(object):
    # `shown` replaces the command in the log whenever a caller gives it: only callers that leave it out log the
    # command line itself.
    def run_quiet(self, cmd, shown=None):
        out = self.ssh(cmd)
        if out:
            if not shown:
                shown = ' '.join(cmd)
            # ok: secret-in-log
            LOG.error("unexpected output from %s: %s", shown, out)

    def run_loud(self, cmd, shown=None):
        out = self.ssh(cmd)
        if out:
            if shown is None:
                shown = ' '.join(cmd)
            # ruleid: secret-in-log
            LOG.error("unexpected output from %s: %s", shown, out)

    def set_chap(self, host, chap_secret):
        cmd = ['chhost', '-chapsecret', chap_secret, host]
        self.run_quiet(cmd, 'chhost -chapsecret *** %s' % host)
        self.run_loud(cmd)


class VolumeAttacher(object):
    # `props` is masked whole below, so the module treats it as a structure that carries secrets: only the items
    # under keys the maskers mask (`auth_password`) are secrets; the address and the LUN are not.
    def describe(self, props):
        LOG.info("attaching %s", strutils.mask_dict_password(props))

    def attach(self, props):
        address = props['target_address']
        # ok: secret-in-log
        LOG.info("connecting to %s", address)
        # ok: secret-in-log
        LOG.warning("lun %s not found on %s", props.get('target_lun'), address)
        # ruleid: secret-in-log
        LOG.debug("login with %s", props['auth_password'])
        # ruleid: secret-in-log
        LOG.debug("properties: %s", props)


def _for_log(data):
    # An empty value is returned as it is: it holds nothing to mask.
    if not data:
        return data
    return strutils.mask_dict_password(data)


class AgentCaller(object):
    def send(self, params):
        # ok: secret-in-log
        LOG.debug("sending %s", _for_log(params))

    def send_raw(self, data):
        # ruleid: secret-in-log
        LOG.debug("sending raw %s", data)


class PortalConnector(object):
    # `props` is masked whole, so only its masked keys are secrets, also where a helper of this file reads them: the
    # helper's summary records which item it took, and the caller's masked structure judges that item.
    def connect(self, props):
        LOG.info("connecting %s", strutils.mask_dict_password(props))
        portals = self._portals(props)
        # ok: secret-in-log
        LOG.debug("portals: %s", portals)
        for portal, iqn in portals:
            # ok: secret-in-log
            LOG.debug("trying %s %s", portal, iqn)
        self._show(props)
        self._login(props)
        # `', '.join(props)` of a masked mapping renders its keys.
        # ok: secret-in-log
        LOG.debug("connection keys: %s", ', '.join(props))
        for name in props:
            # ok: secret-in-log
            LOG.debug("has %s", name)
        for value in props.values():
            # ruleid: secret-in-log
            LOG.debug("value %s", value)

    def _portals(self, props):
        iqn = props['target_iqn']
        return [(p, iqn) for p in props.get('target_portals', [])]

    def _show(self, props):
        self._query(['iscsiadm', '-m', 'node', '-p', props['target_portal']])

    def _login(self, props):
        self._run(['iscsiadm', '--password', props['auth_password']])

    def _query(self, cmd):
        # ok: secret-in-log
        LOG.debug("querying %s", cmd)

    def _run(self, cmd):
        # ruleid: secret-in-log
        LOG.debug("running %s", cmd)


def parse_basic(environ):
    # An Authorization header is `scheme SP credentials`, and Basic credentials decode to `user-id ":" password`: the
    # scheme word and the user id are not the credential, the password (and the whole value) is.
    header = environ.get('HTTP_AUTHORIZATION')
    scheme, encoded = header.strip().split(maxsplit=1)
    if scheme.lower() != 'basic':
        # ok: secret-in-log
        LOG.info("unsupported authorization scheme %s", scheme)
        return None
    # ruleid: secret-in-log
    LOG.debug("credentials %s", encoded)
    return encoded


def decode_basic(encoded):
    user, password = base64.b64decode(encoded).split(b':', 1)
    return user.decode(), password


def check_basic(environ, users):
    username, password = decode_basic(parse_basic(environ))
    if users.get(username) != password:
        # ok: secret-in-log
        LOG.info("authentication failed for user %s", username)
        # ruleid: secret-in-log
        LOG.debug("authentication failed with %s", password)
        return False
    # ok: secret-in-log
    LOG.debug("scheme %s", environ.get('HTTP_AUTHORIZATION').partition(' ')[0])
    return True


def mount_share(export, share_password):
    # `fmt % locals()` renders the function's variables the format names (through a translation marker too): the
    # password in the first message, only the export in the second.
    # ruleid: secret-in-log
    LOG.debug(_LI("mounting %(export)s with %(share_password)s") % locals())
    # ok: secret-in-log
    LOG.debug(_LI("mounting %(export)s") % locals())
    # ok: secret-in-log
    LOG.debug("mounting %(export)s" % vars())


# A URL the code builds with a value in the password slot of its userinfo carries that password, whatever the
# variables are called (RFC 3986 §3.2.1); so does the `.password` of a parsed URL.
def connect_broker(user, pw, host, port):
    url = f"amqp://{user}:{pw}@{host}:{port}/"
    # ruleid: secret-in-log
    LOG.info("connecting to %s", url)
    # ruleid: secret-in-log
    LOG.info("connecting to {}".format("amqp://{}:{}@{}".format(user, pw, host)))
    # ruleid: secret-in-log
    LOG.debug("connecting to " + "amqp://" + user + ":" + pw + "@" + host)
    # ok: secret-in-log
    LOG.info("connecting to amqp://%s@%s:%s/", user, host, port)
    # ok: secret-in-log
    LOG.info("connecting to %s", "amqp://%s:%s@%s/" % (user, "***", host))
    return url


def show_mirror(mirror_url):
    parts = urlparse.urlsplit(mirror_url)
    # ruleid: secret-in-log
    LOG.debug("mirror credentials %s", parts.password)
    # ok: secret-in-log
    LOG.debug("mirror %s as %s", parts.hostname, parts.username)
    # ok: secret-in-log
    LOG.debug("mirror has a password: %s", parts.password is not None)


def name_snapshot(volume, snapshot, digest):
    # `vol@snap`, `name:tag@digest`, prose with an `@`: no scheme before them, something after the `@`.
    # ok: secret-in-log
    LOG.debug("snapshot %s" % ("%s@%s" % (volume, snapshot)))
    # ok: secret-in-log
    LOG.debug("image %s" % ("%s:%s@%s" % (volume, snapshot, digest)))
    # ok: secret-in-log
    LOG.debug("failed: %s@%s" % (volume, snapshot))


class BrokerLink(object):
    def __init__(self, url):
        parsed = urlparse.urlparse(url)
        self.host = parsed.hostname
        self.secret_word = parsed.password
        self.url = url

    def open(self):
        # ruleid: secret-in-log
        LOG.info("opening %s with %s", self.host, self.secret_word)
        # ok: secret-in-log
        LOG.info("opening %s", self.host)


class PlainEndpoint(object):
    # A URL with no credentials in it, logged by a method whose name another class's credential URL shares: the
    # call is not resolved by name when two classes define it.
    def render(self):
        return 'https://%s/%s' % (self.host, self.path)


class SecretEndpoint(object):
    def render(self):
        return 'https://%s:%s@%s/' % (self.user, self.key, self.host)


def log_endpoint(endpoint):
    # ok: secret-in-log
    LOG.info("endpoint %s", endpoint.render())


class MirrorLocation(object):
    # `parse` takes the credentials out of the userinfo of the URL it is given: that URL holds a password.
    def parse(self, uri):
        # ruleid: secret-in-log
        LOG.debug("parsing mirror location %s", uri)
        pieces = urlparse.urlparse(uri)
        netloc = pieces.netloc
        if '@' in netloc:
            creds, netloc = netloc.split('@')
            self.user, self.key = creds.split(':')
        # ok: secret-in-log
        LOG.debug("mirror host %s", netloc)
        return netloc

    def host_of(self, uri):
        # Splits the path at an `@`, not the userinfo.
        pieces = urlparse.urlparse(uri)
        name, _, version = pieces.path.partition('@')
        # ok: secret-in-log
        LOG.debug("mirror package %s from %s", name, uri)
        return pieces.hostname


def attach_disk(conn, attachment):
    # `attachment` carries the target's CHAP secret: this function reads it from there.
    props = attachment['properties']
    conn.login(props['portal'], props.get('chap_user'), props.get('chap_password'))
    # ruleid: secret-in-log
    LOG.debug("attached %s", attachment)
    # ruleid: secret-in-log
    LOG.debug("target properties %s", props)
    # ok: secret-in-log
    LOG.debug("attached portal %s as %s", props['portal'], props.get('chap_user'))
    # ok: secret-in-log
    LOG.debug("attachment fields %s", sorted(attachment.keys()))
    # ok: secret-in-log
    LOG.debug("attachment %s", strutils.mask_dict_password(attachment))


def describe_disk(volume):
    # Reads no credential out of its mapping: nothing here says it holds one.
    # ok: secret-in-log
    LOG.debug("describing %s", volume)


def endpoint_for(conf, **overrides):
    # The password read from `overrides` is stored under one key of `endpoint`; its other items are not it.
    endpoint = {'host': overrides.get('host', conf.host), 'port': conf.port}
    endpoint['passwd'] = overrides.get('password', conf.password)
    # ok: secret-in-log
    LOG.debug("endpoint %s:%s", endpoint['host'], endpoint['port'])
    # ruleid: secret-in-log
    LOG.debug("endpoint %s", endpoint)
    return endpoint


def login_body(credentials):
    body = {'user': credentials['user'], 'password': credentials['password']}
    # ok: secret-in-log
    LOG.debug("logging in as %s", body['user'])
    # ruleid: secret-in-log
    LOG.debug("login body %s", body)
    return body


class ArrayClient(object):
    def __init__(self, session, user, key_value):
        self.session = session
        self.user = user
        self.key_value = key_value

    def call(self, url, request_body=None, quiet=False):
        reply = self.session.post(url, json=request_body)
        if not quiet:
            # ok: secret-in-log
            LOG.info("POST %(url)s with %(body)s", {'url': url, 'body': request_body})
        return reply

    def login(self):
        # The mapping this builds holds the array's password under 'password'; the caller keeps it out of the log.
        body = {'user': self.user, 'password': self.key_value}
        reply = self.call('/login', request_body=body, quiet=True)
        # ruleid: secret-in-log
        LOG.debug("login request %s", body)
        return reply


def unlock(device, run):
    # The well-known factory defaults a tool tries are no secret.
    for attempt in ['NULL', '']:
        if run(device, attempt):
            # ok: secret-in-log
            LOG.info("unlocked %(dev)s with %(password)s", {'dev': device, 'password': attempt})
            return True
    return False


def command_for(info):
    words = ['tool', '-H', info['address']]
    # Only the listed fields of `info` go into the command; its password is read elsewhere.
    for field, flag in [('username', '-U'), ('port', '-p')]:
        if info[field]:
            words.extend([flag, info[field]])
    return ' '.join(words)


def start(info, run):
    secret_file = info['password']
    cmd = command_for(info)
    # ok: secret-in-log
    LOG.debug("starting %s", cmd)
    return run(cmd, secret_file)


def iscsi_properties(volume, client, target):
    properties = {'target_portal': target, 'target_lun': 0}
    initiator = client.get_initiator(volume.host)
    # A non-constant value stored under a credential key: the mapping carries it from here on.
    properties['auth_password'] = initiator['chap-secret']
    properties['auth_username'] = 'chap_user'
    # ruleid: secret-in-log
    LOG.debug("connection properties: %s", properties)
    # ok: secret-in-log
    LOG.debug("portal %s", properties['target_portal'])
    # ok: secret-in-log
    LOG.info("Initialized connection to %(target_portal)s.", properties)
    # ruleid: secret-in-log
    LOG.info("%(vol)s: %(props)s", {'vol': volume.id, 'props': properties})
    # ok: secret-in-log
    LOG.info("%(vol)s attached", {'vol': volume.id, 'props': properties})
    return properties


def no_chap(properties):
    properties['auth_password'] = None
    properties['password'] = '***'
    # ok: secret-in-log
    LOG.debug("connection properties: %s", properties)


class Connector(object):
    def connect_volume(self, connection_properties):
        self._run('--login', connection_properties['target_iqn'], connection_properties['auth_password'])

    def extend_volume(self, connection_properties):
        # The module reads this mapping's password in connect_volume: a same-named parameter is the same mapping.
        # ruleid: secret-in-log
        LOG.info("Extend volume for %s", connection_properties)
        # ok: secret-in-log
        LOG.info("Extend volume for %s", connection_properties['target_iqn'])
