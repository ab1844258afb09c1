import subprocess

from ironic_lib import qemu_img
from oslo_concurrency import processutils
from oslo_concurrency import processutils as putils

from volumes import utils


def convert_upload(src, dst, out_format):
    # ruleid: qemu-img-format-not-pinned
    processutils.execute("qemu-img", "convert", "-O", out_format, src, dst)
    # ruleid: qemu-img-format-not-pinned
    putils.trycmd("qemu-img", "convert", "-O", "raw", src, dst, log_errors=putils.LOG_ALL_ERRORS)


def grow(path, size):
    # ruleid: qemu-img-format-not-pinned
    subprocess.run(["qemu-img", "resize", path, size], check=True)


def convert_built(src, dst, out_format, cache_mode=None):
    cmd = ["qemu-img", "convert", "-O", out_format]
    if cache_mode:
        cmd += ["-t", cache_mode]
    cmd.extend([src, dst])
    # ruleid: qemu-img-format-not-pinned
    utils.execute(*cmd, run_as_root=True)


class Agent:
    def write_image(self, image, device):
        # ruleid: qemu-img-format-not-pinned
        qemu_img.convert_image(image, device, "host_device", out_of_order=True)
        # ok: qemu-img-format-not-pinned
        qemu_img.convert_image(image, device, "host_device", source_format="qcow2")

    def flatten(self, path, target, fmt):
        # ok: qemu-img-format-not-pinned
        self._execute("qemu-img", "convert", "-f", fmt, "-O", "raw", path, target)
        # ok: qemu-img-format-not-pinned
        self._execute("qemu-img", "convert", "--image-opts", "driver=%s,file.filename=%s" % (fmt, path), target)


def convert_checked(src, dst, in_format, out_format):
    cmd = ["qemu-img", "convert", "-O", out_format]
    if in_format is not None:
        cmd += ["-f", in_format]
    cmd += [src, dst]
    command = " ".join(cmd)
    # ok: qemu-img-format-not-pinned
    processutils.execute(*cmd)
    return command


def describe(path, out_format, src, dst):
    command = ["qemu-img", "convert", "-O", out_format, src, dst]
    # ok: qemu-img-format-not-pinned
    print("running %s" % " ".join(command))
    # ok: qemu-img-format-not-pinned
    processutils.execute("qemu-img", "info", "--output=json", path, prlimit=None)
    # ok: qemu-img-format-not-pinned
    processutils.execute("qemu-img", "create", "-f", "qcow2", path, "1G")


def convert_encrypted(path, target, secret_file):
    secret = ["--object", "secret,id=s0,format=raw,file=%s" % secret_file]
    opts = ["--image-opts"]
    cmd = ["qemu-img", "convert", "-O", "raw"]
    cmd += secret + opts + ["driver=qcow2,file.filename=%s,encrypt.key-secret=s0" % path, target]
    # ok: qemu-img-format-not-pinned
    utils.execute(*cmd, run_as_root=True)
