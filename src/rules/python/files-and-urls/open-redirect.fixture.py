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


# Django: class-based views hold the request as self.request; function views are known by their decorators.
from django import shortcuts
from django.contrib.auth.decorators import login_required
from django.utils import http as django_http_utils
from django.views import generic


class ReturnToView(generic.TemplateView):
    def post(self, request, *args, **kwargs):
        back = self.request.POST.get('back')
        # ruleid: open-redirect
        return shortcuts.redirect(back or '/')

    def get(self, request, *args, **kwargs):
        back = request.GET.get('back', '')
        if not django_http_utils.url_has_allowed_host_and_scheme(url=back, allowed_hosts={request.get_host()}):
            back = '/'
        # ok: open-redirect
        return shortcuts.redirect(back)

    def put(self, request, *args, **kwargs):
        back = self.request.GET.get('back')
        # An empty value or a same-origin one passes the test: both are safe targets.
        if back and not django_http_utils.url_has_allowed_host_and_scheme(back, allowed_hosts=None):
            back = None
        # ok: open-redirect
        return shortcuts.redirect(back or '/')

    def patch(self, request, *args, **kwargs):
        back = self.request.GET.get('back')
        other = self.request.GET.get('other')
        # False when `back` is empty, whatever `other` is: `other` is not vouched for.
        if back and not django_http_utils.url_has_allowed_host_and_scheme(other, allowed_hosts=None):
            return shortcuts.redirect('/')
        # ruleid: open-redirect
        return shortcuts.redirect(other or '/')


@login_required
def switch_region(request, region):
    target = request.GET.get('next', '/')
    # ruleid: open-redirect
    return shortcuts.redirect(target)


class Mailer(object):
    # No view: what self.request holds here is this class's business.
    def send(self):
        # ok: open-redirect
        return shortcuts.redirect(self.request.GET.get('next'))


import pecan


class LoginController(object):
    @pecan.expose()
    def done(self):
        # ruleid: open-redirect
        pecan.redirect(pecan.request.GET.get('came_from'))

    @pecan.expose()
    def home(self):
        # ok: open-redirect
        pecan.redirect(pecan.request.application_url + '/home')


# The target round-trips through a form: the GET handler puts `?next=` into the page, the POST handler redirects to
# the posted field. The link's value enters at the GET read.
class StepView(generic.TemplateView):
    param = 'next'

    def get_context_data(self, **kwargs):
        context = {}
        # ruleid: open-redirect
        back = self.request.GET.get(self.param)
        context['back'] = back
        # A different parameter: nothing redirects to it.
        # ok: open-redirect
        step = self.request.GET.get('step')
        context['step'] = step
        return context

    def post(self, request, *args, **kwargs):
        back = self.request.POST.get(self.param)
        # ruleid: open-redirect
        return shortcuts.redirect(back or '/')


class CheckedStepView(generic.TemplateView):
    param = 'next'

    def get_context_data(self, **kwargs):
        context = {}
        # ok: open-redirect
        back = self.request.GET.get(self.param)
        if back and not django_http_utils.url_has_allowed_host_and_scheme(url=back, allowed_hosts=None):
            back = None
        context['back'] = back
        return context

    def post(self, request, *args, **kwargs):
        back = self.request.POST.get(self.param)
        # ruleid: open-redirect
        return shortcuts.redirect(back or '/')
