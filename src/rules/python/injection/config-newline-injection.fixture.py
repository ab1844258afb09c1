import os

from neutron import wsgi
from neutron.common import utils as common_utils
from oslo_utils import netutils


class HostsController(wsgi.Controller):
    def update(self, request, id, body):
        hostname = body['host']['name']
        line = "%s,%s\n" % (id, hostname)
        with open('/var/lib/neutron/dhcp/%s/host' % id, 'w') as f:
            # ruleid: config-newline-injection
            f.write(line)

    def update_checked(self, request, id, body):
        address = body['host']['ip']
        if not netutils.is_valid_ipv4(address):
            raise ValueError(address)
        with open('/var/lib/neutron/dhcp/%s/host' % id, 'w') as f:
            # ok: config-newline-injection
            f.write("%s\n" % address)

    def options(self, request, id, body):
        opts = ["tag:%s,option:%s" % (id, body['opt_name'])]
        conf = os.path.join('/var/lib/neutron/dhcp', id, 'opts')
        # ruleid: config-newline-injection
        common_utils.replace_file(conf, '\n'.join(opts))

    def notes(self, request, id, body):
        # Not a parsed config file: a plain text note.
        with open('/var/lib/neutron/notes.txt', 'w') as f:
            # ok: config-newline-injection
            f.write(body['note'])

    def stripped(self, request, id, body):
        name = body['name'].replace('\n', '').replace('\r', '')
        with open('/etc/haproxy/haproxy.cfg', 'a') as f:
            # ok: config-newline-injection
            f.write("backend %s\n" % name)
