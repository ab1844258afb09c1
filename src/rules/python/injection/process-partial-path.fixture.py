import os
import subprocess
from subprocess import Popen as start


def launch(host, argv):
    # ruleid: process-partial-path
    subprocess.check_call(["ip", "link", "show"])
    # ruleid: process-partial-path
    start("hostname -f", shell=True)
    # ruleid: process-partial-path
    os.system("ping -c1 " + host)
    # ruleid: process-partial-path
    subprocess.run(("iptables", "-L"))
    # ruleid: process-partial-path
    os.execlp("vi", "vi", "/etc/hosts")
    # ruleid: process-partial-path
    os.popen(f"ping -c1 {host}")
    # ruleid: process-partial-path
    subprocess.call("arping %s" % host, shell=True)
    # ruleid: process-partial-path
    os.system("nc -z {} 22".format(host))
    # ok: process-partial-path
    os.system("pin" + host)
    # ok: process-partial-path
    os.system("/bin/ping -c1 " + host)
    # ok: process-partial-path
    os.system("%s -c1" % host)
    # ok: process-partial-path
    subprocess.check_call(["/sbin/ip", "link", "show"])
    # ok: process-partial-path
    subprocess.run("./tools/build.sh")
    # ok: process-partial-path
    subprocess.run("../bin/setup")
    # ok: process-partial-path
    subprocess.run(r"C:\Tools\tool.exe")
    # ok: process-partial-path
    subprocess.run("\\\\server\\share\\tool.exe")
    # ok: process-partial-path
    subprocess.run(argv)
    # ok: process-partial-path
    subprocess.run([argv[0], "-v"])
    # ok: process-partial-path
    subprocess.run("")
    # ok: process-partial-path
    os.spawnvp(os.P_WAIT, "tar", ["tar", "xf", host])
    # ok: process-partial-path
    helper.run(["ls"])
