import urllib.parse
import urllib.request
import urllib2
from urllib.request import urlopen, urlretrieve, Request
from six.moves.urllib import request as six_request


def fetch(url, host, path, scheme):
    # ruleid: urlopen-unchecked-scheme
    urllib.request.urlopen(url)
    # ruleid: urlopen-unchecked-scheme
    urlretrieve(url, "/tmp/out")
    # ruleid: urlopen-unchecked-scheme
    six_request.urlopen(url, timeout=5)
    # ruleid: urlopen-unchecked-scheme
    urllib2.urlopen(url)
    # ruleid: urlopen-unchecked-scheme
    urlopen("file:///etc/passwd")
    # ruleid: urlopen-unchecked-scheme
    urlopen("%s://%s/" % (scheme, host))
    # ruleid: urlopen-unchecked-scheme
    urlopen(Request(url))
    # ruleid: urlopen-unchecked-scheme
    opener = urllib.request.FancyURLopener()
    # ok: urlopen-unchecked-scheme
    urlopen("https://example.com/status")
    # ok: urlopen-unchecked-scheme
    urlopen(f"https://{host}/{path}")
    # ok: urlopen-unchecked-scheme
    urlopen("http://" + host + path)
    # ok: urlopen-unchecked-scheme
    urlopen("https://{}/v2".format(host))
    # ok: urlopen-unchecked-scheme
    urlopen(Request("https://%s/meta" % host))
    # ok: urlopen-unchecked-scheme
    requests_get(url)
    return opener


def rest_query(node, data, url):
    req = urllib.request.Request("http://%s/rest/" % node, data)
    # ok: urlopen-unchecked-scheme
    urlopen(req)
    target = url
    target = target + "/status"
    # ruleid: urlopen-unchecked-scheme
    return urlopen(target)


def requests_get(url):
    return url


def fetch_checked(url, allowed=('http', 'https')):
    parts = urllib.parse.urlparse(url)
    if parts.scheme not in allowed:
        raise ValueError('scheme %s not allowed' % parts.scheme)
    # ok: urlopen-unchecked-scheme
    return urlopen(url).read()


def fetch_local(url):
    if urllib.parse.urlparse(url).scheme == 'file':
        # ok: urlopen-unchecked-scheme
        return urlopen(url).read()
    # ruleid: urlopen-unchecked-scheme
    return urlopen(url).read()


def fetch_logged(url):
    parts = urllib.parse.urlparse(url)
    if parts.scheme not in ('http', 'https'):
        LOG.warning('odd scheme %s', parts.scheme)
    # ruleid: urlopen-unchecked-scheme
    return urlopen(url).read()
