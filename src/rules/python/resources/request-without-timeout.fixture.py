import httpx
import requests
from requests import post as http_post


def fetch(url, payload, timeout, **kwargs):
    # ruleid: request-without-timeout
    body = requests.get(url).json()
    # ruleid: request-without-timeout
    http_post(url, json=payload)
    # ruleid: request-without-timeout
    requests.request("DELETE", url)
    # ruleid: request-without-timeout
    requests.put(url, data=payload, timeout=None)
    # ruleid: request-without-timeout
    client = httpx.Client(timeout=None)
    # ok: request-without-timeout
    requests.get(url, timeout=timeout)
    # ok: request-without-timeout
    requests.post(url, json=payload, timeout=(3.05, 27))
    # ok: request-without-timeout
    requests.get(url, **kwargs)
    # ok: request-without-timeout
    httpx.get(url)
    # ok: request-without-timeout
    session_reply = requests.Session().get(url, timeout=5)
    return body, client, session_reply
