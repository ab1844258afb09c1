import ipaddress
import socket
import urllib.parse
from urllib.parse import urlsplit

from oslo_config import cfg

CONF = cfg.CONF
BLOCKED = ('localhost', '127.0.0.1', '169.254.169.254')


def check_fetch_target(target):
    parts = urllib.parse.urlparse(target)
    name = parts.hostname
    allowed = CONF.fetch.allowed_hosts
    denied = CONF.fetch.denied_hosts
    if not name or ((allowed and name not in allowed) or
                    # ruleid: url-host-filter-bypassable[denylist]
                    name in denied):
        return False
    return True


def check_literal_list(target):
    # ruleid: url-host-filter-bypassable[denylist]
    if urlsplit(target).hostname.lower() in BLOCKED:
        raise ValueError(target)


def metadata_guard(target):
    host = urlsplit(target).hostname
    # ruleid: url-host-filter-bypassable[denylist]
    if host == '169.254.169.254':
        return None
    # An emptiness test.
    # ok: url-host-filter-bypassable
    if host == '':
        raise ValueError(target)
    # A single allowed host compared for equality.
    # ok: url-host-filter-bypassable
    if host != 'images.example.org':
        return None
    return target


def forward_credentials(location, session, trusted_mirrors):
    dest = urllib.parse.urlparse(location)
    # ruleid: url-host-filter-bypassable[substring]
    if any(m in dest.netloc for m in trusted_mirrors):
        session.headers['Authorization'] = 'Bearer x'


def suffix_check(location):
    where = urlsplit(location)
    # ruleid: url-host-filter-bypassable[substring]
    return where.hostname.endswith('images.example.org')


def only_allow_listed(target):
    # An allow-list compared for equality: another spelling of an allowed host is simply not in it.
    host = urlsplit(target).hostname
    # ok: url-host-filter-bypassable
    if host not in CONF.fetch.allowed_hosts:
        return False
    return True


def normalised_first(target):
    host = urlsplit(target).hostname
    addr = ipaddress.ip_address(socket.gethostbyname(host))
    # ok: url-host-filter-bypassable
    if addr in CONF.fetch.denied_networks:
        return False
    return True


def user_info_test(target):
    netloc = urlsplit(target).netloc
    # A character test, not a host filter.
    # ok: url-host-filter-bypassable
    if '@' in netloc:
        raise ValueError('credentials in URL')


def label_boundary(target, domain):
    host = urlsplit(target).hostname
    # ok: url-host-filter-bypassable
    return host == domain or host.endswith('.' + domain)


def cache_lookup(target, seen):
    host = urlsplit(target).hostname
    # A membership whose true branch goes on working is no deny test.
    # ok: url-host-filter-bypassable
    if host in seen:
        seen[host] += 1
    return seen


def not_a_url(denied):
    host = CONF.host
    # ok: url-host-filter-bypassable
    if host in denied:
        return False
    return True
