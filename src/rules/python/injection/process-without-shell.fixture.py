import os
from os import execvp as replace_with


def direct(path, argv, env):
    # ruleid: process-without-shell
    os.execv(path, argv)
    # ruleid: process-without-shell
    replace_with("vi", argv)
    # ruleid: process-without-shell
    os.spawnlpe(os.P_WAIT, "tar", "tar", "xf", path, env)
    # ruleid: process-without-shell
    os.startfile(path)
    # ok: process-without-shell
    os.system(path)
    # ok: process-without-shell
    os.execute(path)
    # ok: process-without-shell
    os.path.exists(path)
