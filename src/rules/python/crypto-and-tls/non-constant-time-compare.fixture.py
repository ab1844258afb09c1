import base64
import hashlib
import hmac

import webob.exc
from oslo_utils import secretutils

SHARED = b"k"
TOKEN_TYPE = "bearer"


class Forbidden(Exception):
    pass


def check_instance_signature(req, instance_id):
    signature = req.headers.get("X-Instance-ID-Signature")
    expected_signature = hmac.new(SHARED, instance_id, hashlib.sha256).hexdigest()
    # ruleid: non-constant-time-compare
    if expected_signature != signature:
        raise webob.exc.HTTPForbidden()


def check_mac_object(message, provided):
    mac = hmac.new(SHARED, digestmod=hashlib.sha256)
    mac.update(message)
    expected = base64.b64encode(mac.digest())
    # ruleid: non-constant-time-compare
    return provided == expected


def check_token(expected_token, request):
    token = request.GET["token"]
    # ruleid: non-constant-time-compare
    return token == expected_token


class Handler(object):
    def __init__(self, password):
        self.admin_password = password

    def login(self, password):
        # ruleid: non-constant-time-compare
        if password == self.admin_password:
            return True
        return False


class SignalHandle(object):
    # `TOKEN` names an attribute of the resource ('token'): comparing a requested attribute name with it compares
    # two names, not a client's guess with a secret.
    ATTRIBUTES = (TOKEN, ENDPOINT) = ('token', 'endpoint')

    def resolve_attribute(self, key):
        # ok: non-constant-time-compare
        if key == self.TOKEN:
            return ''
        return None


class SharedTokenHandle(object):
    # Here the class holds the token itself, read from the configuration.
    TOKEN = load_shared_token()

    def check(self, key):
        # ruleid: non-constant-time-compare
        return key == self.TOKEN


def answer_challenge(conn, authkey, challenge):
    digest = hmac.new(authkey, challenge, "sha256").digest()
    answer = conn.recv_bytes(256)
    # ruleid: non-constant-time-compare
    return answer == digest


class Signature(object):
    def __init__(self, signature):
        self.signature = signature

    def __eq__(self, other):
        # ok: non-constant-time-compare
        return self.signature == other.signature

    def same(self, other):
        # ok: non-constant-time-compare
        return self.signature == other.signature


def decode(options, verify):
    # ok: non-constant-time-compare
    if options["verify_signature"] != verify:
        return None
    return options


def constant_time(req, instance_id):
    signature = req.headers.get("X-Instance-ID-Signature")
    expected_signature = hmac.new(SHARED, instance_id, hashlib.sha256).hexdigest()
    # ok: non-constant-time-compare
    if not hmac.compare_digest(expected_signature, signature):
        raise Forbidden()
    # ok: non-constant-time-compare
    return secretutils.constant_time_compare(expected_signature, signature)


def not_secret_checks(req, data, token_type, password):
    signature = req.headers.get("X-Signature")
    # ok: non-constant-time-compare
    if signature is None or signature == "":
        raise Forbidden()
    # ok: non-constant-time-compare
    if len(signature) != 64:
        raise Forbidden()
    # ok: non-constant-time-compare
    if token_type == TOKEN_TYPE:
        return True
    # ok: non-constant-time-compare
    if hashlib.md5(data).hexdigest() == req.params["etag"]:
        return True
    # ok: non-constant-time-compare
    return password == password


def both_local():
    expected = hmac.new(SHARED, b"fixed", hashlib.sha256).hexdigest()
    computed = hmac.new(SHARED, b"fixed", hashlib.sha256).hexdigest()
    # ok: non-constant-time-compare
    return expected == computed


class SignedLinks(object):
    """Expected MACs built by helper methods and looked up with `in`."""

    def __call__(self, environ, start_response):
        claim, when = self._parse(environ)
        macs = self._expected(environ, when) + self._expected(environ, when, 'GET')
        # ruleid: non-constant-time-compare[membership]
        if claim not in macs:
            return self._deny(start_response)
        # ok: non-constant-time-compare
        if any(hmac.compare_digest(m, claim) for m in macs):
            return self._deny(start_response)
        # ok: non-constant-time-compare
        if claim in ('-', ''):
            return self._deny(start_response)
        return None

    def _parse(self, environ):
        parts = environ.get('QUERY_STRING', '').split('&')
        return parts[0], parts[1]

    def _expected(self, environ, when, method=None):
        return [hmac.new(k, (method or environ['REQUEST_METHOD']) + when, hashlib.sha256).hexdigest() for k in self.keys]

    def _known_methods(self):
        return ['GET', 'PUT']

    def allowed(self, environ):
        # ok: non-constant-time-compare
        return environ['REQUEST_METHOD'] in self._known_methods()

    def _deny(self, start_response):
        start_response('401 Unauthorized', [])
        return []


def get_hmac(payload, key):
    return hmac.new(key, payload, hashlib.sha256).digest()


def unwrap_envelope(envelope, key):
    payload = envelope[:-32]
    expected_hmc = envelope[-32:]
    calculated_hmc = get_hmac(payload, key)
    # A keyed MAC from a helper of this file.
    # ruleid: non-constant-time-compare
    if expected_hmc != calculated_hmc:
        return None
    return payload


def check_signature(creds_ref, credentials):
    msg = base64.urlsafe_b64decode(str(credentials['token']))
    signed = base64.encodebytes(hmac.new(creds_ref['secret'], msg, hashlib.sha1).digest()).strip()
    # ruleid: non-constant-time-compare
    if credentials['signature'] != signed:
        raise Exception('Not Authorized')


def check_form(attributes, key, body):
    sig = hmac.new(key, body, hashlib.sha1).hexdigest()
    # ruleid: non-constant-time-compare
    if sig != (attributes.get('signature') or 'invalid'):
        return '401 Unauthorized'
    # ok: non-constant-time-compare
    if not hmac.compare_digest(sig, attributes.get('signature') or 'invalid'):
        return '401 Unauthorized'
    return None
