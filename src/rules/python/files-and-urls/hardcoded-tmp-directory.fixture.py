import os
import tempfile


def dump(data, name):
    # ruleid: hardcoded-tmp-directory
    with open("/tmp/nova-dump.json", "w") as f:
        f.write(data)
    # ruleid: hardcoded-tmp-directory
    lock_path = f"/var/tmp/{name}.lock"
    # ruleid: hardcoded-tmp-directory
    shm = os.path.join("/dev/shm", name)
    # ruleid: hardcoded-tmp-directory
    workdir = "/tmp"
    # ok: hardcoded-tmp-directory
    fd, path = tempfile.mkstemp(suffix=".json")
    # ok: hardcoded-tmp-directory
    scratch = "/tmpfiles/cache"
    # ok: hardcoded-tmp-directory
    if name.startswith("/tmp/"):
        return None
    # ok: hardcoded-tmp-directory
    if workdir in ("/tmp", "/var/tmp"):
        return None
    # ok: hardcoded-tmp-directory
    raw = b"/tmp/raw"
    # ok: hardcoded-tmp-directory
    help_text = "Directory for scratch files, e.g. /tmp/nova"
    return lock_path, shm, fd, path, scratch, raw, help_text
