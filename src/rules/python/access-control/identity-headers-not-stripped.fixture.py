import webob.dec


class TicketAuth(object):
    """Sets identity headers from its own tickets, never removes forged ones."""

    @webob.dec.wsgify()
    # ruleid: identity-headers-not-stripped
    def __call__(self, req):
        self.process_request(req)
        return req.get_response(self.app)

    def process_request(self, request):
        info = self._validate(request.authorization)
        self._set_env(request, info)

    def _set_env(self, request, info):
        request.environ['HTTP_X_USER_ID'] = info['user_id']
        request.environ['HTTP_X_ROLES'] = ','.join(info['roles'])
        request.headers['X-Is-Admin-Project'] = str(info['admin'])


class StrippingAuth(object):

    def process_request(self, request):
        for key in ('HTTP_X_USER_ID', 'HTTP_X_ROLES', 'HTTP_X_IS_ADMIN_PROJECT'):
            request.environ.pop(key, None)
        info = self._validate(request.authorization)
        # ok: identity-headers-not-stripped
        request.environ['HTTP_X_USER_ID'] = info['user_id']


class HelperAuth(object):

    def process_request(self, request):
        request.remove_auth_headers()
        info = self._validate(request.authorization)
        # ok: identity-headers-not-stripped
        request.headers['X-Roles'] = ','.join(info['roles'])


class TraceIds(object):

    def process_request(self, request):
        # ok: identity-headers-not-stripped
        request.headers['X-Request-Id'] = self.new_id()


def set_identity(environ, user):
    # Module-level helper: reported where it writes.
    # ruleid: identity-headers-not-stripped
    environ['HTTP_X_USER_ID'] = user.id
