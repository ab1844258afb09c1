import uuid

import netaddr

PROTOCOL_BY_NUMBER = {6: "tcp", 17: "udp", 1: "icmp"}
TCP_UDP = ("tcp", "udp")
OVS_PREFIX = "fa:16:3e"
PORT_MATCH = {"tcp": "-m tcp", "udp": "-m udp", "sctp": "-m sctp"}


def instance_rules(rules, version):
    out = []
    for rule in rules:
        protocol = rule.protocol
        # ruleid: case-sensitive-identifier-compare
        if version == 6 and rule.protocol == "icmp":
            protocol = "icmpv6"
        # reported once per function: the first comparison explains it
        # ok: case-sensitive-identifier-compare
        if protocol in ["udp", "tcp"]:
            out.append(protocol)
    return out


def port_filter(rule):
    # ruleid: case-sensitive-identifier-compare
    if rule["protocol"] in TCP_UDP:
        return rule["port_range_min"]
    return None


def is_gateway_port(port, vif):
    # ruleid: case-sensitive-identifier-compare
    if port.mac_address == "FA:16:3E:00:00:01":
        return True
    return vif is None


def is_openstack_mac(vif):
    # ruleid: case-sensitive-identifier-compare
    return vif.address.startswith("fa:16:3e")


def strip_auth(headers):
    for name, value in headers.items():
        # ruleid: case-sensitive-identifier-compare
        if name == "X-Auth-Token":
            return value
    return None


def error_start_response(start_response):
    # The WSGI response's own header list: the service spelled these names itself.
    def replacement(status, headers, exc_info=None):
        headers = [
            (h, v)
            for (h, v) in headers
            # ok: case-sensitive-identifier-compare
            if h not in ('Content-Length', 'Content-Type')
        ]
        return start_response(status, headers, exc_info)
    return replacement


def host_is_local(server):
    fqdn = server.fqdn
    # ruleid: case-sensitive-identifier-compare
    return fqdn == "controller.example.org"


def match_args(rule):
    # ruleid: case-sensitive-identifier-compare
    return PORT_MATCH.get(rule["protocol"], "")


def match_args_normalised(rule):
    proto = rule["protocol"].lower()
    # ok: case-sensitive-identifier-compare
    return PORT_MATCH[proto]


def caller_may_have_normalised(protocol):
    # ok: case-sensitive-identifier-compare
    return protocol == "tcp"


def normalised(rule, port, ip_proto, headers):
    protocol = rule.protocol.lower() if rule.protocol else None
    # ok: case-sensitive-identifier-compare
    if protocol == "icmp":
        return 1
    # ok: case-sensitive-identifier-compare
    if netaddr.EUI(port.mac_address) == netaddr.EUI("FA:16:3E:00:00:01"):
        return 2
    # ok: case-sensitive-identifier-compare
    if port.mac_address == "00:00:00:00:00:00":
        return 3
    proto = PROTOCOL_BY_NUMBER.get(ip_proto)
    # ok: case-sensitive-identifier-compare
    if proto == "tcp":
        return 4
    # ok: case-sensitive-identifier-compare
    if str(uuid.UUID(rule.id)) == "8c3f4a6e-0d2b-4c55-9a8e-3f1c2b7d9e10":
        return 5
    rule["protocol"] = rule["protocol"].lower()
    # ok: case-sensitive-identifier-compare
    if rule["protocol"] == "udp":
        return 6
    # ok: case-sensitive-identifier-compare
    if rule.direction == "ingress":
        return 7
    # ok: case-sensitive-identifier-compare
    if rule.protocol == rule.other_protocol:
        return 8
    # ok: case-sensitive-identifier-compare
    if headers.get("content-type") == "application/json":
        return 9
    # ok: case-sensitive-identifier-compare
    return rule.console_protocol == "vnc"
