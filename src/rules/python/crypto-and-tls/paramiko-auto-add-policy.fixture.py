import paramiko
from paramiko import AutoAddPolicy as Trust
from paramiko.client import WarningPolicy


def connect(host, known_hosts, policy):
    client = paramiko.SSHClient()
    # ruleid: paramiko-auto-add-policy[trustAll]
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    # ruleid: paramiko-auto-add-policy[trustAll]
    client.set_missing_host_key_policy(Trust())
    # ruleid: paramiko-auto-add-policy[trustAll]
    client.set_missing_host_key_policy(WarningPolicy)
    # ruleid: paramiko-auto-add-policy[trustAll]
    client.set_missing_host_key_policy(policy=paramiko.client.AutoAddPolicy())
    # ok: paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    # ok: paramiko-auto-add-policy
    client.set_missing_host_key_policy(policy)
    # ok: paramiko-auto-add-policy
    client.load_host_keys(known_hosts)
    return client


class Remote(object):
    def __init__(self, strict):
        self.strict = strict

    def open(self, client):
        if self.strict:
            # ok: paramiko-auto-add-policy
            client.set_missing_host_key_policy(paramiko.RejectPolicy())
        else:
            # ruleid: paramiko-auto-add-policy[optIn]
            client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
