# ruleid: import-telnetlib
import telnetlib
# ruleid: import-telnetlib
from telnetlib import Telnet
# ruleid: import-telnetlib
import telnetlib3
# ok: import-telnetlib
import paramiko
# ok: import-telnetlib
from .telnetlib import fake_session
