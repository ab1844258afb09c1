import telnetlib
from telnetlib import Telnet as Session
import paramiko


def connect(host):
    # ruleid: telnet-client
    a = telnetlib.Telnet(host, 23)
    # ruleid: telnet-client
    b = Session(host)
    # ok: telnet-client
    c = paramiko.SSHClient()
    # ok: telnet-client
    d = telnetlib.IAC
    return a, b, c, d
