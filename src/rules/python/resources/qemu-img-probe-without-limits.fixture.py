import subprocess

from oslo_concurrency import processutils
from oslo_concurrency import processutils as putils
from oslo_utils import units

from images import utils

QEMU_IMG_LIMITS = processutils.ProcessLimits(cpu_time=30, address_space=1 * units.Gi)


def image_info(path, run_as_root=False):
    # ruleid: qemu-img-probe-without-limits
    out, _err = processutils.execute("env", "LC_ALL=C", "qemu-img", "info", path, run_as_root=run_as_root)
    return out


def introspect(path):
    # ruleid: qemu-img-probe-without-limits
    stdout, stderr = putils.trycmd("qemu-img", "info", "--output=json", path, log_errors=putils.LOG_ALL_ERRORS)
    return stdout


def built_info(path, force_share):
    cmd = ["env", "LC_ALL=C", "qemu-img", "info", "--output=json"]
    if force_share:
        cmd.append("--force-share")
    cmd.append(path)
    # ruleid: qemu-img-probe-without-limits
    out, _err = utils.execute(*cmd, run_as_root=True)
    return out


def sub_info(path):
    # ruleid: qemu-img-probe-without-limits
    return subprocess.check_output(["qemu-img", "info", "--output=json", path])


def limited(path, **kwargs):
    # ok: qemu-img-probe-without-limits
    out, _ = processutils.execute("qemu-img", "info", path, prlimit=QEMU_IMG_LIMITS)
    # ok: qemu-img-probe-without-limits
    out2, _ = processutils.execute("prlimit", "--as=1073741824", "qemu-img", "info", path)
    # ok: qemu-img-probe-without-limits
    out3, _ = utils.execute("qemu-img", "info", path, **kwargs)
    # ok: qemu-img-probe-without-limits
    version = utils.execute("qemu-img", "--version", check_exit_code=False)[0]
    # ok: qemu-img-probe-without-limits
    processutils.execute("qemu-img", "convert", "-f", "qcow2", "-O", "raw", path, path + ".raw")
    return out, out2, out3, version
