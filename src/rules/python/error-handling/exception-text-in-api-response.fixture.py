import traceback

import flask
import pecan
import requests
import six
import webob
import webob.exc
from oslo_concurrency import processutils
from oslo_db import exception as db_exc
from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import encodeutils
from swift.common.base_storage_server import BaseStorageServer
from swift.common.swob import HTTPInternalServerError, Request
from webob import exc

from widget import exception
from widget.i18n import _

LOG = logging.getLogger(__name__)


class WidgetsController(object):

    def remove(self, req, widget_id):
        try:
            self.api.remove(req.context, widget_id)
        except exception.WidgetNotFound as e:
            # The project's own exception: its message is written for users.
            # ok: exception-text-in-api-response
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        except Exception as e:
            # ruleid: exception-text-in-api-response[broad]
            raise webob.exc.HTTPInternalServerError(explanation=str(e))

    def resize(self, req, widget_id, body):
        try:
            size = int(body['size'])
            self.api.resize(req.context, widget_id, size)
        except (ValueError, KeyError) as err:
            # The handler's own parsing: the text describes the input the caller sent.
            # ok: exception-text-in-api-response
            raise exc.HTTPBadRequest(explanation=str(err))
        except exception.Invalid as err:
            # ok: exception-text-in-api-response
            raise exc.HTTPBadRequest(explanation=err.msg)
        except BaseException as err:
            # ruleid: exception-text-in-api-response[broad]
            raise exc.HTTPBadRequest(six.text_type(err))

    def attach(self, req, widget_id):
        try:
            self.api.attach(req.context, widget_id)
        except messaging.RemoteError as error:
            # The remote exception's class and message, forwarded by design.
            msg = "%(err_type)s: %(err_msg)s" % {'err_type': error.exc_type,
                                                 'err_msg': error.value}
            # ok: exception-text-in-api-response
            raise webob.exc.HTTPBadRequest(explanation=msg)

    def detach(self, req, widget_id):
        try:
            self.api.detach(req.context, widget_id)
        except messaging.RemoteError as error:
            # The whole text holds the remote traceback.
            # ruleid: exception-text-in-api-response[library]
            raise webob.exc.HTTPBadRequest(explanation=str(error))

    def fetch_template(self, req, url):
        try:
            return requests.get(url, timeout=10).text
        except requests.exceptions.RequestException as ex:
            msg = _('Could not fetch the template: %s') % ex
            # ruleid: exception-text-in-api-response[library]
            raise exc.HTTPBadRequest(explanation=msg)

    def fetch_logo(self, req, url):
        try:
            return requests.get(url, timeout=10).content
        except requests.ConnectionError as ex:
            # ruleid: exception-text-in-api-response[library]
            raise exc.HTTPBadGateway(explanation=f"cannot reach {url}: {ex}")

    def read_file(self, req, name):
        try:
            with open('/srv/widgets/' + name) as f:
                return f.read()
        except IOError as ioe:
            # ruleid: exception-text-in-api-response[library]
            raise exc.HTTPNotFound(explanation='read failed: ' + ioe.args[1])

    def read_file_quietly(self, req, name):
        try:
            with open('/srv/widgets/' + name) as f:
                return f.read()
        except IOError as ioe:
            # Only the error number goes out: no text.
            # ok: exception-text-in-api-response
            raise exc.HTTPNotFound(explanation='read failed (errno %d)' % ioe.errno)

    def run_tool(self, req, name):
        try:
            processutils.execute('widget-tool', name)
        except processutils.ProcessExecutionError as pe:
            # ruleid: exception-text-in-api-response[library]
            return webob.Response(body=encodeutils.exception_to_unicode(pe.stderr), status=500)

    def create(self, req, body):
        try:
            self.db.widget_create(req.context, body)
        except db_exc.DBDuplicateEntry as dup:
            error = "{}: {}".format(body.get('name'), dup)
            # ruleid: exception-text-in-api-response[library]
            raise exc.HTTPConflict(explanation=error)

    def create_quietly(self, req, body):
        try:
            self.db.widget_create(req.context, body)
        except db_exc.DBDuplicateEntry:
            # Text built from the request's own values.
            msg = _('Widget %s already exists') % body.get('name')
            # ok: exception-text-in-api-response
            raise exc.HTTPConflict(explanation=msg)

    def update(self, req, widget_id, body):
        try:
            self.api.update(req.context, widget_id, body)
        except Exception as e:
            # Logged server-side, a fixed message for the caller.
            LOG.exception('Widget %(id)s update failed: %(e)s', {'id': widget_id, 'e': e})
            # ok: exception-text-in-api-response
            raise exc.HTTPInternalServerError(explanation=_('Unable to update the widget'))

    def rebuild(self, req, widget_id):
        try:
            self.api.rebuild(req.context, widget_id)
        except exception.WidgetBusy:
            raise
        except Exception as e:
            if isinstance(e, exception.Invalid):
                # Narrowed to the project's exception by the isinstance test.
                # ok: exception-text-in-api-response
                raise exc.HTTPBadRequest(explanation=str(e))
            # ruleid: exception-text-in-api-response[broad]
            raise exc.HTTPInternalServerError(explanation=str(e))

    def export(self, req, widget_id):
        try:
            return self.api.export(req.context, widget_id)
        except Exception as e:
            # Not a response: the project's exception is handled (and worded) further up.
            # ok: exception-text-in-api-response
            raise exception.ExportFailed(reason=str(e))

    def inspect(self, req, widget_id):
        try:
            return self.api.inspect(req.context, widget_id)
        except Exception:
            # ruleid: exception-text-in-api-response[traceback]
            raise exc.HTTPInternalServerError(explanation=traceback.format_exc())

    def status(self, req, widget_id):
        try:
            return self.api.status(req.context, widget_id)
        except Exception as e:
            # The class name alone says nothing about the deployment.
            # ok: exception-text-in-api-response
            raise exc.HTTPInternalServerError(explanation=type(e).__name__)


class ConnectionError(Exception):
    """The project's own class, named like the builtin."""


def flask_view(widget_id):
    try:
        return do_something(widget_id)
    except ConnectionError as e:
        # ok: exception-text-in-api-response
        flask.abort(503, str(e))
    except OSError as e:
        # ruleid: exception-text-in-api-response[library]
        flask.abort(500, description=e.strerror)


def pecan_view(widget_id):
    try:
        return do_something(widget_id)
    except Exception as exc_value:
        detail = str(exc_value)
        message = detail.strip()
    # ruleid: exception-text-in-api-response[broad]
    pecan.abort(500, message)


def sanitised(widget_id):
    try:
        return do_something(widget_id)
    except Exception as e:
        # A helper of the project's makes the text: it is not followed.
        # ok: exception-text-in-api-response
        raise exc.HTTPInternalServerError(explanation=safe_message(e))


class WidgetStorageServer(BaseStorageServer):
    # A storage node: only the proxy reads its responses, and replaces 5xx bodies with its own.
    def __call__(self, env, start_response):
        req = Request(env)
        try:
            res = getattr(self, req.method)(req)
        except Exception:
            # ok: exception-text-in-api-response
            res = HTTPInternalServerError(body=traceback.format_exc())
        return res(env, start_response)


class WidgetProxyServer(object):
    def __call__(self, env, start_response):
        req = Request(env)
        try:
            res = getattr(self, req.method)(req)
        except Exception as err:
            # ruleid: exception-text-in-api-response[broad]
            res = HTTPInternalServerError(body='error: %s' % err)
        return res(env, start_response)


def do_something(widget_id):
    return widget_id


def safe_message(e):
    return 'failed'
