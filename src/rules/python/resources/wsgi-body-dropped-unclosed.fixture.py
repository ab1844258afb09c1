from myproject.utils import close_if_possible


class Reply(object):
    def conditional_body(self, app_iter, etag):
        if etag and etag in self.request.if_none_match:
            self.status = 304
            # ruleid: wsgi-body-dropped-unclosed
            return [b""]
        if self.request.method == "HEAD":
            # ruleid: wsgi-body-dropped-unclosed
            return [b""]
        return app_iter

    def closed_body(self, app_iter, etag):
        if etag in self.request.if_none_match:
            self.status = 304
            close_if_possible(app_iter)
            # ok: wsgi-body-dropped-unclosed
            return [b""]
        if not app_iter:
            # Nothing to close: the body is empty or None.
            # ok: wsgi-body-dropped-unclosed
            return [b""]
        if hasattr(app_iter, "app_iter_range"):
            return app_iter.app_iter_range(0, 10)
        return app_iter

    def wrapped_body(self, app_iter, size):
        if size == 0:
            # The wrapper takes the body over and closes it.
            # ok: wsgi-body-dropped-unclosed
            return self.wrap(app_iter, size)
        return app_iter

    def unrelated(self, chunks, etag):
        # No caller passes this an application's body.
        if etag:
            # ok: wsgi-body-dropped-unclosed
            return [b""]
        return chunks

    def __call__(self, env, start_response):
        start_response(self.status, self.headers)
        if self.ranged:
            return self.closed_body(self.app_iter, self.etag)
        if self.sized:
            return self.wrapped_body(self.app_iter, self.size)
        return self.conditional_body(self.app_iter, self.etag)


class Filter(object):
    def __init__(self, app):
        self.app = app

    def __call__(self, req):
        resp = req.get_response(self.app)
        if resp.status_int == 404:
            # ruleid: wsgi-body-dropped-unclosed
            return HTTPNotFound(request=req)
        if resp.headers.get("X-Static") == "true":
            resp.app_iter.close()
            # ok: wsgi-body-dropped-unclosed
            return HTTPForbidden(request=req)
        return resp

    def checked(self, req):
        resp = req.get_response(self.app)
        if resp.content_type != "application/json":
            body = resp.body
            # The body was read whole, which closes it.
            # ok: wsgi-body-dropped-unclosed
            return HTTPBadRequest(body=body)
        return resp

    def passthrough(self, req):
        resp = req.get_response(self.app)
        if not resp:
            # ok: wsgi-body-dropped-unclosed
            return None
        return resp

    def streamed(self, req):
        # A generator's return ends the iteration: it returns no body.
        resp = req.get_response(self.app)
        for chunk in resp.app_iter:
            yield chunk
        return


class Fallback(object):
    def body_or_default(self, app_iter, body):
        if app_iter:
            return app_iter
        if body is not None:
            # The application's body is empty or missing here.
            # ok: wsgi-body-dropped-unclosed
            return [body]
        # ok: wsgi-body-dropped-unclosed
        return [b""]

    def respond(self):
        return self.body_or_default(self.app_iter, self.body)


def object_info(env, app, make_request):
    req = make_request(env, "/v1/a/c/o")
    # ruleid: wsgi-body-dropped-unclosed
    resp = req.get_response(app)
    if resp.is_success:
        return dict(resp.headers)
    return {}


def object_info_head(env, app, make_request):
    req = make_request(env, "/v1/a/c/o", method="HEAD")
    # A HEAD response streams no stored body.
    # ok: wsgi-body-dropped-unclosed
    resp = req.get_response(app)
    if resp.is_success:
        return dict(resp.headers)
    return {}


def container_exists(env, app, Request):
    new_env = dict(env)
    new_env["REQUEST_METHOD"] = "HEAD"
    req = Request.blank("/v1/a/c", environ=new_env)
    # The environ makes it a HEAD request.
    # ok: wsgi-body-dropped-unclosed
    resp = req.get_response(app)
    if resp.is_success:
        return True
    return False


def object_error(env, app, make_request):
    req = make_request(env, "/v1/a/c/o")
    # Only an error response is dropped: a short text built in memory.
    # ok: wsgi-body-dropped-unclosed
    resp = req.get_response(app)
    if not is_success(resp.status_int):
        raise ValueError(resp.status)
    close_if_possible(resp.app_iter)
    return dict(resp.headers)


def container_info_closed(env, app, make_request):
    req = make_request(env, "/v1/a/c")
    # ok: wsgi-body-dropped-unclosed
    resp = req.get_response(app)
    close_if_possible(resp.app_iter)
    if resp.status_int == 200:
        return dict(resp.headers)
    return {}


class Manifests(object):
    def __init__(self, app):
        self.app = app

    def fetch(self, req):
        return req.copy_get().get_response(self.app)

    def load(self, req):
        resp = self.fetch(req)
        if resp.is_success and resp.headers.get("X-Manifest") != "true":
            # ruleid: wsgi-body-dropped-unclosed
            raise HTTPBadRequest("not a manifest")
        return resp

    def load_closed(self, req, helper):
        resp = helper.fetch(req)
        if resp.is_success and resp.headers.get("X-Manifest") != "true":
            drain_and_close(resp)
            # ok: wsgi-body-dropped-unclosed
            raise HTTPBadRequest("not a manifest")
        if resp.is_success:
            try:
                if resp.content_length > 100:
                    # Caught below, where the response is closed.
                    # ok: wsgi-body-dropped-unclosed
                    raise ValueError("too big")
            except ValueError:
                close_if_possible(resp.app_iter)
                # ok: wsgi-body-dropped-unclosed
                return HTTPRequestEntityTooLarge()
        return resp
