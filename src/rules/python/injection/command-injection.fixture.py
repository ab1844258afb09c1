import os
import shlex
import subprocess
import sys

from oslo_concurrency import processutils
from oslo_utils import uuidutils

from nova.api.openstack import wsgi
from nova import utils


def _ping(address):
    # ruleid: command-injection
    return subprocess.check_output("ping -c1 %s" % address, shell=True)


def _quoted_ping(address):
    # ok: command-injection
    return subprocess.check_output("ping -c1 " + shlex.quote(address), shell=True)


class DiagnosticsController(wsgi.Controller):
    def ping(self, req, id):
        host = req.GET['host']
        return _ping(host)

    def quoted(self, req, id):
        return _quoted_ping(req.GET['host'])

    def trace(self, req, id):
        target = req.params.get('target')
        cmd = f"traceroute {target}"
        # ruleid: command-injection
        os.system(cmd)

    def run_tool(self, req, body):
        tool = body['tool']['name']
        # ruleid: command-injection
        subprocess.call([tool, '--version'])
        # ok: command-injection
        subprocess.call(['/usr/bin/tool', '--name', tool])

    def set_mtu(self, req, body):
        device = body['device']
        # ruleid: command-injection
        processutils.execute('ip', 'link', 'set', device, 'mtu', '1500', run_as_root=True)
        if not uuidutils.is_uuid_like(device):
            raise ValueError(device)
        # ok: command-injection
        processutils.execute('ip', 'link', 'set', device, 'mtu', '1500', run_as_root=True)

    def shell_script(self, req, body):
        script = "echo {}".format(body['message'])
        # ruleid: command-injection
        utils.execute('sh', '-c', script)

    def arguments(self, req, body):
        parts = ['ovs-vsctl', 'set', 'Interface']
        parts.append(body['port'])
        # ruleid: command-injection
        os.popen(' '.join(parts))

    def helper(self, req, body):
        return self._run(body['cmd'])

    def _run(self, command):
        # ruleid: command-injection
        return subprocess.run(command, shell=True)

    def numeric(self, req, body):
        size = int(body['size'])
        # ok: command-injection
        os.system("truncate -s %d /tmp/disk" % size)

    def allowed(self, req, body):
        mode = body['mode']
        if mode not in ('on', 'off'):
            raise ValueError(mode)
        # ok: command-injection
        os.system("toggle " + mode)

    def optional(self, req, body):
        zone = body.get('zone')
        if zone is None:
            # ok: command-injection
            os.system("ls " + str(zone))


def configure(device):
    # Not an API method and never called with request data: its parameter is not a source.
    # ok: command-injection
    os.system("ifconfig %s up" % device)


def main():
    # ruleid: command-injection
    os.system("cat " + sys.argv[1])
    # ok: command-injection
    subprocess.call([sys.argv[1], '--help'])
