# ruleid: import-xml-etree
import xml.etree.ElementTree as ET
# ruleid: import-xml-etree
import xml.etree.cElementTree
# ruleid: import-xml-etree
from xml.etree import cElementTree as CET
# ruleid: import-xml-etree
from xml.etree.ElementTree import fromstring, Element
# ruleid: import-xml-etree
from xml.etree.ElementTree import *
# ok: import-xml-etree
from xml.etree.ElementTree import Element, SubElement, tostring
# ok: import-xml-etree
import xml.etree
# ok: import-xml-etree
import defusedxml.ElementTree as SafeET
# ok: import-xml-etree
from lxml import etree
