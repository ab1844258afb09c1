import itertools

from myproject.utils import close_if_possible, closing_if_possible


class PartsBody(object):
    def __init__(self, req, app, parts):
        self.req = req
        self.app = app
        self.parts = parts
        # ruleid: wsgi-body-iterator-without-close
        self.chunks = self._fetch()

    def _fetch(self):
        for part in self.parts:
            resp = self.req.copy_for(part).get_response(self.app)
            for chunk in resp.app_iter:
                yield chunk
            close_if_possible(resp.app_iter)

    def __iter__(self):
        return self.chunks


class ForwardingBody(object):
    def __init__(self, responses):
        self.responses = responses

    # ruleid: wsgi-body-iterator-without-close
    def __iter__(self):
        for resp in self.responses:
            for chunk in resp.app_iter:
                yield chunk


class HalfClosedBody(object):
    def __init__(self, req, app, parts):
        self.req = req
        self.app = app
        self.parts = parts
        self.current = None
        self.chunks = self._fetch()

    def _fetch(self):
        for part in self.parts:
            self.current = self.req.copy_for(part).get_response(self.app)
            for chunk in self.current.app_iter:
                yield chunk

    def __iter__(self):
        return itertools.chain([b""], self.chunks)

    def close(self):
        # ruleid: wsgi-body-iterator-without-close
        if self.current is not None:
            close_if_possible(self.current.app_iter)


class ClosedBody(object):
    def __init__(self, req, app, parts):
        self.req = req
        self.app = app
        self.parts = parts
        # ok: wsgi-body-iterator-without-close
        self.chunks = self._fetch()

    def _fetch(self):
        for part in self.parts:
            resp = self.req.copy_for(part).get_response(self.app)
            with closing_if_possible(resp.app_iter):
                for chunk in resp.app_iter:
                    yield chunk

    def __iter__(self):
        return self.chunks

    def close(self):
        # ok: wsgi-body-iterator-without-close
        close_if_possible(self.chunks)


class LocalLines(object):
    # Iterates its own data: no application's body involved.
    def __init__(self, lines):
        self.lines = lines

    # ok: wsgi-body-iterator-without-close
    def __iter__(self):
        return iter(self.lines)


class InheritedClose(ClosingBase):
    # The base class may define close(): not judged.
    # ok: wsgi-body-iterator-without-close
    def __iter__(self):
        for resp in self.responses:
            for chunk in resp.app_iter:
                yield chunk
