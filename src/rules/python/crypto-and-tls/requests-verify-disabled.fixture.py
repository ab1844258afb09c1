import httpx
import requests
from requests import get as http_get


def call(url, creds, cafile, insecure):
    # ruleid: requests-verify-disabled[call]
    requests.post(url, json=creds, verify=False, timeout=10)
    # ruleid: requests-verify-disabled
    http_get(url, verify=False, timeout=10)
    # ruleid: requests-verify-disabled
    client = httpx.Client(verify=False)
    session = requests.Session()
    # ruleid: requests-verify-disabled
    session.verify = False
    # ok: requests-verify-disabled
    requests.post(url, json=creds, verify=cafile, timeout=10)
    # ok: requests-verify-disabled
    requests.get(url, verify=not insecure, timeout=10)
    # ok: requests-verify-disabled
    requests.get(url, verify=None, timeout=10)
    # ok: requests-verify-disabled
    session.verify = cafile
    # ok: requests-verify-disabled
    check = validate(url, verify=False)
    return client, check


class Driver(object):
    def __init__(self, conf):
        self.conf = conf
        # ok: requests-verify-disabled
        self.verify = False
        if conf.verify_certificate:
            self.verify = conf.ca_path or True
        self.session = requests.Session()
        if not conf.verify_certificate:
            # ruleid: requests-verify-disabled[optIn]
            self.session.verify = False

    def fetch(self, url, insecure=False):
        if insecure:
            # ruleid: requests-verify-disabled[optIn]
            return requests.get(url, verify=False, timeout=5)
        # ruleid: requests-verify-disabled[call]
        return requests.get(url + '/x', verify=False, timeout=5)

    def hard_coded(self):
        self.http = requests.Session()
        # ruleid: requests-verify-disabled[session]
        self.http.verify = False
