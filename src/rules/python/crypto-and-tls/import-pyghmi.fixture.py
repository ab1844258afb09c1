# ruleid: import-pyghmi
import pyghmi
# ruleid: import-pyghmi
from pyghmi.ipmi import command
# ruleid: import-pyghmi
import pyghmi.ipmi.command as ipmi_command
# ok: import-pyghmi
import sushy
# ok: import-pyghmi
import pyghmi_helpers
