import json
import urllib.parse

import webob
import webob.dec


@webob.dec.wsgify
def download(req):
    name = req.params['name']
    resp = webob.Response()
    # ruleid: response-header-injection
    resp.headers['Content-Disposition'] = 'attachment; filename=%s' % name
    # Quoted: no line break survives.
    # ok: response-header-injection
    resp.headers['X-Name'] = urllib.parse.quote(name)
    # A request header value cannot hold a raw line break.
    # ok: response-header-injection
    resp.headers['X-Request-Id'] = req.headers.get('X-Request-Id', '')
    # A constant.
    # ok: response-header-injection
    resp.headers['Cache-Control'] = 'no-cache'
    return resp


@webob.dec.wsgify
def realm(req):
    account = req.path_info.split('/')[2]
    response = webob.Response(status=401)
    # ruleid: response-header-injection
    response.headers.update({'WWW-Authenticate': 'Swift realm="%s"' % account})
    # ok: response-header-injection
    response.headers.update({'X-Account': json.dumps(account)})
    return response


@webob.dec.wsgify
def listing(req):
    marker = req.GET.get('marker', '')
    # ruleid: response-header-injection
    return webob.Response(body=b'', headers={'X-Marker': marker})


@webob.dec.wsgify
def stripped(req):
    marker = req.GET.get('marker', '').replace('\r', '').replace('\n', '')
    # ok: response-header-injection
    return webob.Response(body=b'', headers={'X-Marker': marker})


class Echo(object):
    """A WSGI middleware that echoes a query parameter as a header."""

    @webob.dec.wsgify
    def __call__(self, req):
        tag = req.GET.get('tag')
        resp = req.get_response(self.app)
        # ruleid: response-header-injection
        resp.headerlist.append(('X-Tag', tag))
        return resp


# Request headers sent to a backend: http.client refuses CR/LF in them itself, and the dict is not a response's.
@webob.dec.wsgify
def forward(req):
    headers = {}
    # ok: response-header-injection
    headers['X-Marker'] = req.GET.get('marker')
    return headers


# A response is known by how it was made, whatever it is called.
@webob.dec.wsgify
def renamed(req):
    label = req.GET.get('label')
    page = webob.exc.HTTPNotFound()
    # ruleid: response-header-injection
    page.headers['X-Label'] = label
    return page


# A client's response to a request this service sent: its headers came in, nothing here goes out.
@webob.dec.wsgify
def relay(req, session):
    resp = session.get('http://backend.example/status')
    # ok: response-header-injection
    resp.headers['X-Seen'] = req.GET.get('seen')
    return webob.Response(body=resp.content)
