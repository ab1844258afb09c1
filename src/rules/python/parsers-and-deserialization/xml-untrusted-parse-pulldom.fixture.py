import xml.dom.pulldom
from xml.dom import pulldom as pd
from defusedxml import pulldom as safe_pd


def events(stream, body):
    # ruleid: xml-untrusted-parse-pulldom
    first = pd.parse(stream)
    # ruleid: xml-untrusted-parse-pulldom
    second = xml.dom.pulldom.parseString(body)
    # ok: xml-untrusted-parse-pulldom
    third = safe_pd.parse(stream)
    return first, second, third
