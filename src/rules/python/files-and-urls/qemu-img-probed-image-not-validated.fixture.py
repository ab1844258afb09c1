import json

from oslo_concurrency import processutils
from oslo_utils.imageutils import format_inspector
from oslo_utils import imageutils

from vault import errors
from vault import settings


def read_report(path):
    # The probe is pinned to nothing: every caller gets qemu-img's guess, and qemu-img has already opened whatever
    # the header names.
    # ruleid: qemu-img-probed-image-not-validated[probed]
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
    # One finding for one probe: the conversion that trusts it below.
    # ok: qemu-img-probed-image-not-validated
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
    # The references are refused, but only after an unpinned probe opened them, and the format is qemu-img's guess.
    # ruleid: qemu-img-probed-image-not-validated[probed]
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


def record_detected_format(image, upload):
    try:
        # ruleid: qemu-img-probed-image-not-validated[probed]
        stdout, _err = processutils.trycmd("qemu-img", "info", "--output=json", upload)
    except OSError:
        return None
    image.disk_format = json.loads(stdout).get("format")
    return image


def report_of(path, share=False, fmt=None):
    cmd = ["env", "LC_ALL=C", "qemu-img", "info", "--output=json"]
    if share:
        cmd.append("--force-share")
    cmd.append(path)
    # ruleid: qemu-img-probed-image-not-validated[probed]
    out, _err = processutils.execute(*cmd, run_as_root=True)
    return imageutils.QemuImgInfo(out, format="json")


def report_of_declared(path, fmt=None):
    cmd = ["qemu-img", "info", path, "--output=json"]
    if fmt is not None:
        cmd = cmd + ["-f", fmt]
    # ok: qemu-img-probed-image-not-validated
    out, _err = processutils.execute(*cmd)
    return imageutils.QemuImgInfo(out, format="json")


def probe_declared(upload, declared):
    # ok: qemu-img-probed-image-not-validated
    out, _err = processutils.trycmd("qemu-img", "info", "-f", declared, "--output=json", upload)
    return json.loads(out)["format"]


def probe_after_inspection(upload, declared):
    inspector = format_inspector.get_inspector(declared).from_file(upload)
    if not inspector.safety_check():
        raise errors.Rejected("unsafe image")
    # ok: qemu-img-probed-image-not-validated
    out, _err = processutils.trycmd("qemu-img", "info", "--output=json", upload)
    return json.loads(out)["format"]


def probe_for_size(upload):
    # Only the size is read and nothing is handed back: no decision rests on the guessed format.
    # ok: qemu-img-probed-image-not-validated
    out, _err = processutils.trycmd("qemu-img", "info", "--output=json", upload)
    return json.loads(out).get("virtual-size", 0) > settings.LIMIT


def parsed_report(path):
    # ruleid: qemu-img-probed-image-not-validated[probed]
    out, _err = processutils.execute("qemu-img", "info", "--output=json", path)
    return json.loads(out)


def virtual_size_of(path):
    # A number read out of the report is handed back, not the report: no caller decides on the guessed format.
    # ok: qemu-img-probed-image-not-validated
    out, _err = processutils.execute("qemu-img", "info", path)
    found = settings.VIRTUAL_SIZE.search(out)
    return int(found.group(1))


def stage_upload(upload):
    # The probe is the check: its references are refused, and nothing is converted or decided on its format here.
    # ok: qemu-img-probed-image-not-validated
    out, _err = processutils.trycmd("qemu-img", "info", "--output=json", upload)
    meta = json.loads(out)
    if meta.get("backing-filename") is not None:
        raise errors.Rejected("backing file")
    if meta.get("format-specific", {}).get("data", {}).get("data-file") is not None:
        raise errors.Rejected("data file")
    return upload


def flatten_upload(upload, staged):
    # The probe decides nothing the conversion uses: it is pinned to raw.
    # ok: qemu-img-probed-image-not-validated
    out, _err = processutils.trycmd("qemu-img", "info", "--output=json", upload)
    if not out:
        raise errors.Rejected("unreadable image")
    processutils.execute("qemu-img", "convert", "-f", "raw", "-O", "qcow2", upload, staged)
    return staged


def _copy_out(prefix, source, dest, out_format):
    cmd = prefix + ("qemu-img", "convert", "-O", out_format, source, dest)
    processutils.execute(*cmd)


def copy_out(source, dest, out_format):
    # Called from this file: the finding is where the path comes in.
    # ok: qemu-img-probed-image-not-validated
    _copy_out((), source, dest, out_format)


def publish_volume(volume_path, staging, meta):
    # ruleid: qemu-img-probed-image-not-validated[wrapped]
    copy_out(volume_path, staging, meta["disk_format"])
    # Checking the converted file afterwards does not vet what was converted.
    converted = report_of_declared(staging, meta["disk_format"])
    if converted.file_format != meta["disk_format"]:
        raise errors.Rejected("conversion failed")


def publish_checked(volume_path, staging, meta):
    report = report_of_declared(volume_path, meta["volume_format"])
    if report.file_format != meta["volume_format"] or report.backing_file is not None:
        raise errors.Rejected("not the declared format, or backed by another file")
    # ok: qemu-img-probed-image-not-validated
    copy_out(volume_path, staging, meta["disk_format"])


def publish_inspected(volume_path, staging, meta):
    format_inspector.detect_file_format(volume_path).safety_check()
    # ok: qemu-img-probed-image-not-validated
    copy_out(volume_path, staging, meta["disk_format"])


def publish_own_file(staging, meta):
    scratch = settings.scratch_file()
    # The image is a file this function made, not one it was handed.
    # ok: qemu-img-probed-image-not-validated
    copy_out(scratch, staging, meta["disk_format"])
