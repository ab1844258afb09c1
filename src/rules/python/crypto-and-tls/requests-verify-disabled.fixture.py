import httpx
import requests
from requests import get as http_get


def call(url, creds, cafile, insecure):
    # ruleid: requests-verify-disabled
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
