import os
import pathlib
import stat
from os import chmod as set_mode


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
