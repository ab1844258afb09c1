# ruleid: import-xml-expat
import xml.dom.expatbuilder
# ruleid: import-xml-expat
from xml.dom import expatbuilder
# ruleid: import-xml-expat
from xml.dom.expatbuilder import parseString as parse_doc
# ok: import-xml-expat
from defusedxml import expatbuilder as safe_builder
# ok: import-xml-expat
import xml.dom
