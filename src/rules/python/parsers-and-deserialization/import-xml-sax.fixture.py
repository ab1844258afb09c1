# ruleid: import-xml-sax
import xml.sax
# ruleid: import-xml-sax
from xml import sax
# ruleid: import-xml-sax
from xml.sax import make_parser
# ruleid: import-xml-sax
import xml.sax.expatreader
# ok: import-xml-sax
from xml.sax.saxutils import escape, quoteattr
# ok: import-xml-sax
import xml.sax.saxutils
# ok: import-xml-sax
from xml.sax.handler import ContentHandler
# ok: import-xml-sax
from xml.sax import SAXParseException
# ok: import-xml-sax
import defusedxml.sax
