import os
import shutil

import webob.dec
from werkzeug.utils import secure_filename

from nova.api.openstack import wsgi

BASE = '/var/lib/nova/files'


class FilesController(wsgi.Controller):
    def show(self, req, id):
        name = req.GET['name']
        path = os.path.join(BASE, name)
        # ruleid: path-traversal
        with open(path) as f:
            return f.read()

    def safe_show(self, req, id):
        name = os.path.basename(req.GET['name'])
        # ok: path-traversal
        with open(os.path.join(BASE, name)) as f:
            return f.read()

    def delete(self, req, body):
        target = BASE + '/' + body['file']
        # ruleid: path-traversal
        os.remove(target)

    def checked_delete(self, req, body):
        target = os.path.join(BASE, body['file'])
        if not os.path.realpath(target).startswith(BASE + os.sep):
            raise ValueError(target)
        # ok: path-traversal
        os.remove(target)

    def upload(self, req, body):
        name = secure_filename(body['name'])
        # ok: path-traversal
        shutil.copy('/tmp/upload', os.path.join(BASE, name))

    def copy(self, req, body):
        self._copy(body['source'])

    def _copy(self, source):
        # ruleid: path-traversal
        shutil.copy(os.path.join(BASE, source), '/tmp/out')


@webob.dec.wsgify
def download(req):
    # ruleid: path-traversal
    return open(req.environ['PATH_INFO'].lstrip('/')).read()


def local_tool(name):
    # ok: path-traversal
    return open(os.path.join(BASE, name)).read()
