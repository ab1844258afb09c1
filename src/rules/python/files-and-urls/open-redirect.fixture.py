import flask
import webob.dec
import webob.exc
from urllib.parse import urlsplit

ALLOWED_TARGETS = ('/dashboard', '/servers')


@webob.dec.wsgify
def finish_login(req):
    target = req.GET.get('next', '/dashboard')
    # ruleid: open-redirect
    raise webob.exc.HTTPFound(location=target)


@webob.dec.wsgify
def finish_logout(req):
    target = req.GET.get('next')
    if target not in ALLOWED_TARGETS:
        target = '/dashboard'
    # ok: open-redirect
    raise webob.exc.HTTPFound(location=target)


@webob.dec.wsgify
def fixed(req):
    # ok: open-redirect
    raise webob.exc.HTTPFound(location='/dashboard')


def flask_view():
    # ruleid: open-redirect
    return flask.redirect(flask.request.args['url'])


def flask_local():
    url = flask.request.args['url']
    if url in ALLOWED_TARGETS:
        # ok: open-redirect
        return flask.redirect(url)
    return flask.redirect('/')
