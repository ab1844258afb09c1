import xml.dom.minidom
from xml.dom import minidom as md
from xml.dom.minidom import parse as parse_file
from defusedxml import minidom as safe_md


def read(body, path):
    # ruleid: xml-untrusted-parse-minidom
    first = md.parseString(body)
    # ruleid: xml-untrusted-parse-minidom
    second = xml.dom.minidom.parse(path)
    # ruleid: xml-untrusted-parse-minidom
    third = parse_file(path)
    # ok: xml-untrusted-parse-minidom
    fourth = safe_md.parseString(body)
    # ok: xml-untrusted-parse-minidom
    doc = md.Document()
    return first, second, third, fourth, doc
