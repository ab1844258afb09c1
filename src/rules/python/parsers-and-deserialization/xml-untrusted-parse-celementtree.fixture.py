import xml.etree.cElementTree
from xml.etree import cElementTree as CET
from xml.etree.cElementTree import iterparse
import defusedxml.cElementTree as SafeCET


def read(body, path, stream):
    # ruleid: xml-untrusted-parse-celementtree
    root = CET.fromstring(body)
    # ruleid: xml-untrusted-parse-celementtree
    tree = xml.etree.cElementTree.parse(path)
    # ruleid: xml-untrusted-parse-celementtree
    events = iterparse(stream)
    # ruleid: xml-untrusted-parse-celementtree
    parser = CET.XMLParser()
    # ruleid: xml-untrusted-parse-celementtree
    other = CET.XML(body)
    # ok: xml-untrusted-parse-celementtree
    safe = SafeCET.fromstring(body)
    # ok: xml-untrusted-parse-celementtree
    template = CET.fromstring("<config><item/></config>")
    # ok: xml-untrusted-parse-celementtree
    node = CET.Element("item")
    return root, tree, events, parser, other, safe, template, node
