# ruleid: import-xml-minidom
import xml.dom.minidom
# ruleid: import-xml-minidom
from xml.dom import minidom
# ruleid: import-xml-minidom
from xml.dom.minidom import parseString
# ok: import-xml-minidom
from xml.dom.minidom import Document, getDOMImplementation
# ok: import-xml-minidom
from defusedxml import minidom as safe_minidom
