import os
import commands
import subprocess
from os import system as run_shell
from os import popen


def shells(host, path):
    # ruleid: process-with-shell
    os.system("ping -c1 " + host)
    # ruleid: process-with-shell
    run_shell(f"du -sh {path}")
    # ruleid: process-with-shell
    popen("uptime").read()
    # ruleid: process-with-shell
    os.popen3("cat /etc/hostname")
    # ruleid: process-with-shell
    commands.getoutput("ls %s" % path)
    # ruleid: process-with-shell
    subprocess.getstatusoutput(
        "df -h",
    )
    # ok: process-with-shell
    os.system()
    # ok: process-with-shell
    commands.getstatus(path)
    # ok: process-with-shell
    subprocess.run(["ping", "-c1", host])
    # ok: process-with-shell
    os.getcwd()
    # ok: process-with-shell
    os.system("sync")  # nosec
