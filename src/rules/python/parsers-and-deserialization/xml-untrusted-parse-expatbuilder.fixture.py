import xml.dom.expatbuilder
from xml.dom import expatbuilder as builder
from defusedxml import expatbuilder as safe_builder


def read(body, path):
    # ruleid: xml-untrusted-parse-expatbuilder
    first = builder.parseString(body)
    # ruleid: xml-untrusted-parse-expatbuilder
    second = xml.dom.expatbuilder.parse(path)
    # ok: xml-untrusted-parse-expatbuilder
    third = safe_builder.parseString(body)
    # ok: xml-untrusted-parse-expatbuilder
    fourth = builder.parseString("<a/>")
    return first, second, third, fourth
