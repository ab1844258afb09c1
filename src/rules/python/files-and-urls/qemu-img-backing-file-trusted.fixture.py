import json
import os
import re

from oslo_concurrency import processutils
from oslo_utils import imageutils

from harbor import errors
from harbor.storage import disk_probe
from harbor.storage import image_tools


class ShareDriver(object):

    def _chain_info(self, path):
        info = image_tools.qemu_img_info(path)
        # ruleid: qemu-img-backing-file-trusted
        if info.backing_file:
            info.backing_file = os.path.basename(info.backing_file)
        return info

    def _checked_chain_info(self, path, volume_name):
        info = image_tools.qemu_img_info(path)
        # ok: qemu-img-backing-file-trusted
        if info.backing_file:
            if not re.match(r"%s(\.[0-9a-f-]+)?$" % volume_name, os.path.basename(info.backing_file)):
                raise errors.InvalidBackingFile(path)
            info.backing_file = os.path.basename(info.backing_file)
        return info

    def _merge_parent(self, volume_dir, path):
        # The same-file wrapper reads the backing file itself and is judged there, not at each caller.
        info = self._chain_info(path)
        # ok: qemu-img-backing-file-trusted
        parent = os.path.join(volume_dir, info.backing_file)
        self._execute("qemu-img", "commit", parent)

    def _execute(self, *cmd):
        return processutils.execute(*cmd)


def backing_path(volume_dir, path):
    out, _err = processutils.execute("qemu-img", "info", "--output=json", path)
    meta = json.loads(out)
    # ruleid: qemu-img-backing-file-trusted
    parent = meta.get("backing-filename")
    return os.path.join(volume_dir, parent)


def parent_of(path):
    # ruleid: qemu-img-backing-file-trusted
    return disk_probe.qemu_img_info(path).backing_file


def parent_of_known_format(path, disk_format):
    # The format is pinned: a raw disk's content is never read as a QCOW2 header.
    # ok: qemu-img-backing-file-trusted
    return disk_probe.qemu_img_info(path, img_format=disk_format).backing_file


def parent_pinned_command(path):
    out, _err = processutils.execute("qemu-img", "info", "-f", "qcow2", "--output=json", path)
    # ok: qemu-img-backing-file-trusted
    return json.loads(out)["backing-filename"]


def refuse_backed(path):
    data = image_tools.qemu_img_info(path)
    # ok: qemu-img-backing-file-trusted
    backing = data.backing_file
    if backing is not None:
        raise errors.ImageUnacceptable("image has a backing file %s" % backing)
    return data.virtual_size


def log_backing(path, log):
    info = image_tools.qemu_img_info(path)
    # Only logged and compared: nothing opens it.
    # ok: qemu-img-backing-file-trusted
    log.debug("backing file: %s", info.backing_file)
    return info.backing_file is not None


def parsed_parent(volume_dir, path):
    out, _err = processutils.execute("qemu-img", "info", "--output=json", path)
    # `format="json"` is the output's format, not the image's.
    report = imageutils.QemuImgInfo(out, format="json")
    # ruleid: qemu-img-backing-file-trusted
    return os.path.join(volume_dir, report.backing_file)


def cached_parent(cache_file):
    # An empty report filled from the service's own cache: no image header is read here.
    report = imageutils.QemuImgInfo()
    with open(cache_file) as f:
        report.backing_file = json.load(f)["backing_file"]
    # ok: qemu-img-backing-file-trusted
    return os.path.join(os.path.dirname(cache_file), report.backing_file)
