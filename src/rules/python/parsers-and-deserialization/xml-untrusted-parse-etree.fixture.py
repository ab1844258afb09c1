import xml.etree.ElementTree as ET
from xml.etree import ElementTree
from xml.etree.ElementTree import fromstring as parse_text
from defusedxml import ElementTree as SafeET


def read(body, path, stream):
    # ruleid: xml-untrusted-parse-etree
    root = ET.fromstring(body)
    # ruleid: xml-untrusted-parse-etree
    tree = ElementTree.parse(path)
    # ruleid: xml-untrusted-parse-etree
    first = parse_text(body)
    # ruleid: xml-untrusted-parse-etree
    for event, elem in ET.iterparse(stream):
        pass
    # ruleid: xml-untrusted-parse-etree
    parser = ET.XMLParser(encoding="utf-8")
    # ok: xml-untrusted-parse-etree
    safe = SafeET.fromstring(body)
    # ok: xml-untrusted-parse-etree
    doc = ET.fromstring("<domain type='kvm'><name>x</name></domain>")
    # ok: xml-untrusted-parse-etree
    text = ET.tostring(ET.Element("disk"))
    return root, tree, first, parser, safe, doc, text
