import subprocess
import subprocess as sp
from subprocess import Popen as launch


def run(user_input, cmd, use_shell):
    # ruleid: subprocess-shell-true
    subprocess.call("ls " + user_input, shell=True)
    # ruleid: subprocess-shell-true
    sp.check_output(cmd, shell=True)
    # ruleid: subprocess-shell-true
    launch(f"grep {user_input} /var/log/syslog",
           shell=True)
    # ruleid: subprocess-shell-true
    subprocess.run("ls -l", shell=True)
    # ruleid: subprocess-shell-true
    subprocess.run(args=cmd, shell=True)
    # ruleid: subprocess-shell-true
    subprocess.Popen([cmd, "-v"], shell=True)
    # ruleid: subprocess-shell-true
    subprocess.check_call(["uptime", user_input], shell=True)
    # ruleid: subprocess-shell-true
    subprocess.call(cmd, shell=use_shell)
    # ruleid: subprocess-shell-true
    subprocess.call(cmd, shell="False")
    # ruleid: subprocess-shell-true
    subprocess.call(cmd, shell=[0])
    # ok: subprocess-shell-true
    subprocess.call(["ls", user_input])
    # ok: subprocess-shell-true
    subprocess.call("ls " + user_input, shell=False)
    # ok: subprocess-shell-true
    subprocess.run(cmd, shell=0)
    # ok: subprocess-shell-true
    subprocess.run(cmd, shell="")
    # ok: subprocess-shell-true
    subprocess.run(cmd, shell=None)
    # ok: subprocess-shell-true
    subprocess.run(cmd, shell=())
    # ok: subprocess-shell-true
    subprocess.Popen(cmd,  # nosec B602 - vetted in the caller
                     shell=True)
    # ok: subprocess-shell-true
    not_subprocess.call(cmd, shell=True)
    # ok: subprocess-shell-true
    subprocess.getoutput(cmd)
