import flask
import lxml.etree
from lxml import etree

from nova.api.openstack import wsgi

# ruleid: xml-external-entities[sharedParser]
PARSER = etree.XMLParser(remove_blank_text=True)

# ok: xml-external-entities
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class Codec:
    # ruleid: xml-external-entities[sharedParser]
    parser = lxml.etree.XMLParser()


class BucketController(wsgi.Controller):
    def create(self, req, body):
        # ruleid: xml-external-entities[defaultParser]
        root = etree.fromstring(req.body)
        # ok: xml-external-entities
        hardened = etree.fromstring(req.body, SAFE_PARSER)
        return root, hardened

    def update(self, req, id, body):
        local = etree.XMLParser(huge_tree=True)
        # ruleid: xml-external-entities[openParser]
        return etree.fromstring(req.body, parser=local)

    def events(self, req, id):
        # ruleid: xml-external-entities[defaultParser]
        for _event, elem in etree.iterparse(req.body):
            yield elem


def upload():
    # ruleid: xml-external-entities[defaultParser]
    return lxml.etree.XML(flask.request.data)


def domain_devices(guest):
    # A parser local to a function, on XML the hypervisor produced: not a client's document.
    # ok: xml-external-entities
    parser = etree.XMLParser(remove_blank_text=True)
    # ok: xml-external-entities
    return etree.fromstring(guest.get_xml_desc(), parser)


def literal():
    # ok: xml-external-entities
    return etree.fromstring("<a/>")
