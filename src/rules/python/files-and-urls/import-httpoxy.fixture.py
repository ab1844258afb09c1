# ruleid: import-httpoxy
from wsgiref.handlers import CGIHandler
# ruleid: import-httpoxy
from twisted.web.twcgi import CGIScript, CGIDirectory
# ok: import-httpoxy
from wsgiref.handlers import SimpleHandler
# ok: import-httpoxy
from wsgiref.simple_server import make_server
# ok: import-httpoxy
import wsgiref.handlers
# ok: import-httpoxy
from twisted.web import static, twcgi


def serve(app):
    # ruleid: import-httpoxy
    wsgiref.handlers.CGIHandler().run(app)
    # ruleid: import-httpoxy
    root = twcgi.CGIDirectory("/srv/cgi-bin")
    # ok: import-httpoxy
    return static.File("/srv/www"), root
