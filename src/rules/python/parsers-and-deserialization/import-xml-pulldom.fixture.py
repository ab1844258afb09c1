# ruleid: import-xml-pulldom
import xml.dom.pulldom
# ruleid: import-xml-pulldom
from xml.dom import pulldom, minidom
# ruleid: import-xml-pulldom
from xml.dom.pulldom import parse as pull_events
# ok: import-xml-pulldom
from defusedxml import pulldom as safe_pulldom
# ok: import-xml-pulldom
from xml.dom import Node
