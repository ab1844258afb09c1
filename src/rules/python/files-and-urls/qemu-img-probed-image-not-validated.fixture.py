import json

from oslo_concurrency import processutils
from oslo_utils.imageutils import format_inspector
from oslo_utils import imageutils

from vault import errors
from vault import settings


def read_report(path):
    out, _err = processutils.execute("qemu-img", "info", "--output=json", path)
    return imageutils.QemuImgInfo(out, format="json")


def run_convert(source, target, src_fmt, out_fmt):
    processutils.execute("qemu-img", "convert", "-f", src_fmt, "-O", out_fmt, source, target)


def guarded_convert(source, target, declared):
    report = read_report(source)
    if report.file_format != declared:
        raise errors.Rejected("format mismatch")
    run_convert(source, target, declared, "raw")


def staged_upload(upload, staged):
    out, _err = processutils.trycmd("qemu-img", "info", "--output=json", upload)
    meta = json.loads(out)
    detected = meta["format"]
    if detected == settings.TARGET:
        return upload
    # ruleid: qemu-img-probed-image-not-validated
    processutils.trycmd("qemu-img", "convert", "-f", detected, "-O", settings.TARGET, upload, staged)
    return staged


def import_volume(blob, dest, declared):
    info = read_report(blob)
    if info.file_format is None:
        raise errors.Rejected("unreadable")
    if info.backing_file:
        raise errors.Rejected("backing file")
    # Pinned to what the user declared, never compared with what qemu-img saw.
    # ruleid: qemu-img-probed-image-not-validated
    run_convert(blob, dest, declared, "raw")


class Store:
    def _probe(self, path):
        return read_report(path)

    def _write(self, path, device):
        cmd = ["qemu-img", "convert", "-O", "host_device"]
        cmd += ["-f", self.fmt, path, device]
        processutils.execute(*cmd)

    def flash(self, image, device):
        details = self._probe(image)
        self.fmt = details.file_format
        # ruleid: qemu-img-probed-image-not-validated
        self._write(image, device)


def checked_against_declared(blob, dest, declared):
    info = read_report(blob)
    if info.file_format != declared:
        raise errors.Rejected("mismatch")
    # ok: qemu-img-probed-image-not-validated
    run_convert(blob, dest, info.file_format, "raw")


def inspected_first(blob, dest):
    inspector = format_inspector.detect_file_format(blob)
    inspector.safety_check()
    info = read_report(blob)
    # ok: qemu-img-probed-image-not-validated
    run_convert(blob, dest, info.file_format, "raw")


def every_reference_refused(upload, staged):
    out, _err = processutils.trycmd("qemu-img", "info", "--output=json", upload)
    meta = json.loads(out)
    if "backing-filename" in meta:
        raise errors.Rejected("backing file")
    if meta.get("format-specific", {}).get("data", {}).get("data-file"):
        raise errors.Rejected("data file")
    # ok: qemu-img-probed-image-not-validated
    processutils.trycmd("qemu-img", "convert", "-f", meta["format"], "-O", "raw", upload, staged)


def through_a_checking_wrapper(blob, dest, declared):
    info = read_report(blob)
    # The wrapper compares and raises itself.
    # ok: qemu-img-probed-image-not-validated
    guarded_convert(blob, dest, declared)
    return info.virtual_size


def raw_only(blob, dest):
    info = read_report(blob)
    # A raw image has no header that could name another file.
    # ok: qemu-img-probed-image-not-validated
    processutils.execute("qemu-img", "convert", "-f", "raw", "-O", "qcow2", blob, dest)
    return info


def other_file(blob, dest, created, fmt):
    read_report(blob)
    # The converted file is not the one probed.
    # ok: qemu-img-probed-image-not-validated
    run_convert(created, dest, fmt, "raw")


def only_converts(blob, dest, fmt):
    # Nothing was probed here: whether `fmt` was checked is the caller's business.
    # ok: qemu-img-probed-image-not-validated
    run_convert(blob, dest, fmt, "raw")


def build_convert(source, target, fmt):
    cmd = ["qemu-img", "convert", "-O", "raw"]
    if fmt:
        cmd += ["-f", fmt]
    return cmd + [source, target]


def run_built(source, target, fmt):
    cmd = build_convert(source, target, fmt)
    processutils.execute(*cmd, run_as_root=True)


def restore_backup(archive, device, declared):
    report = read_report(archive)
    if report.backing_file is not None:
        raise errors.Rejected("backing file")
    # The command is built by one helper and run by another.
    # ruleid: qemu-img-probed-image-not-validated
    run_built(archive, device, declared)


def virtual_size(path):
    return read_report(path).virtual_size


def grow_from_base(base, target, fmt):
    # The probe is read for a size only: nothing here is decided from qemu-img's guess of the format.
    needed = virtual_size(base)
    # ok: qemu-img-probed-image-not-validated
    run_convert(base, target, fmt, "raw")
    return needed
