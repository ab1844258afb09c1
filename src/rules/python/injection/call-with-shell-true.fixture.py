import os
import subprocess
from oslo_concurrency import processutils
from nova import utils


def wrappers(path, cmd, flag):
    # ruleid: call-with-shell-true
    processutils.execute("rm -rf " + path, shell=True)
    # ruleid: call-with-shell-true
    utils.execute(cmd, run_as_root=True, shell=flag)
    # ruleid: call-with-shell-true
    os.popen(cmd, shell=1)
    # ruleid: call-with-shell-true
    get_runner()(cmd, shell="yes")
    # ruleid: call-with-shell-true
    self_made_popen(
        cmd,
        shell=True,
    )
    # ok: call-with-shell-true
    subprocess.Popen(cmd, shell=True)
    # ok: call-with-shell-true
    processutils.execute("rm", "-rf", path)
    # ok: call-with-shell-true
    processutils.execute(cmd, shell=False)
    # ok: call-with-shell-true
    processutils.execute(cmd, shell=[])
    # ok: call-with-shell-true
    utils.execute(cmd, shell=None)
