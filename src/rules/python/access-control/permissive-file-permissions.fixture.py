import os
import pathlib
import stat
import subprocess
from os import chmod as set_mode

from oslo_concurrency import processutils


def save(path, fd, mode):
    # ruleid: permissive-file-permissions
    os.chmod(path, 0o777)
    # ruleid: permissive-file-permissions
    os.chmod(path, 0777)
    # ruleid: permissive-file-permissions
    set_mode(path, stat.S_IRWXU | stat.S_IWOTH)
    # ruleid: permissive-file-permissions
    os.fchmod(fd, mode=0o664)
    # ruleid: permissive-file-permissions
    pathlib.Path(path).chmod(0o666)
    # ruleid: permissive-file-permissions
    os.chmod(path, 0o755)
    # ok: permissive-file-permissions
    os.chmod(path, 0o600)
    # ok: permissive-file-permissions
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    # ok: permissive-file-permissions
    os.chmod(path, mode)
    # ok: permissive-file-permissions
    os.chmod(path, 0o644)
    # ok: permissive-file-permissions
    os.chmod(path, 0o4700)


def share(path, tmpdir, mode):
    # ruleid: permissive-file-permissions
    processutils.execute('chmod', '777', tmpdir, run_as_root=True)
    # ruleid: permissive-file-permissions
    subprocess.check_call(['sudo', 'chmod', '-R', 'o+w', path])
    # ruleid: permissive-file-permissions
    processutils.execute('chmod', 'g+w', path)
    # ok: permissive-file-permissions
    processutils.execute('chmod', '600', path, run_as_root=True)
    # ok: permissive-file-permissions
    processutils.execute('chmod', 'o-w', path)
    # ok: permissive-file-permissions
    processutils.execute('chmod', mode, path)
    # ok: permissive-file-permissions
    subprocess.check_call(['grep', '-r', 'chmod', '777', path])
