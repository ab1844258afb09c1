import xml.sax
from xml.sax import parseString as sax_parse_string
import defusedxml.sax


def read(stream, body, handler):
    # ruleid: xml-untrusted-parse-sax
    xml.sax.parse(stream, handler)
    # ruleid: xml-untrusted-parse-sax
    sax_parse_string(body, handler)
    # ruleid: xml-untrusted-parse-sax
    parser = xml.sax.make_parser()
    # ok: xml-untrusted-parse-sax
    defusedxml.sax.parse(stream, handler)
    # ok: xml-untrusted-parse-sax
    xml.sax.parseString(b"<ping/>", handler)
    # ok: xml-untrusted-parse-sax
    escaped = xml.sax.saxutils.escape(body)
    return parser, escaped
