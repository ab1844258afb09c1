import builtins
import os


def cleanup(paths):
    try:
        os.unlink(paths[0])
    # ruleid: try-except-pass
    except:
        pass
    try:
        os.unlink(paths[1])
    # ruleid: try-except-pass
    except Exception as exc:
        # nothing sensible to do here
        pass
    try:
        os.rmdir(paths[2])
    # ruleid: try-except-pass
    except (OSError, BaseException):
        pass
    try:
        os.rmdir(paths[3])
    # ruleid: try-except-pass
    except builtins.Exception:
        pass
    try:
        os.unlink(paths[4])
    # ok: try-except-pass
    except FileNotFoundError:
        pass
    try:
        os.unlink(paths[5])
    # ok: try-except-pass
    except Exception:
        LOG.exception("could not remove %s", paths[5])
    try:
        os.unlink(paths[6])
    # ok: try-except-pass
    except Exception:
        continue_cleanup = False
        pass
    try:
        os.unlink(paths[7])
    # ok: try-except-pass
    except Exception:
        raise
