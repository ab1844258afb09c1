import os

from cloudlab import utils


def _resolve_within(fs, *parts):
    # ruleid: unprivileged-realpath-before-root-access
    resolved = os.path.realpath(os.path.join(fs, *parts))
    if not resolved.startswith(os.path.realpath(fs) + '/'):
        raise ValueError('path outside image')
    return resolved


def inject_file(fs, path, contents):
    target = _resolve_within(fs, path.lstrip('/'))
    utils.execute('mkdir', '-p', os.path.dirname(target), run_as_root=True)
    utils.execute('tee', target, process_input=contents, run_as_root=True)


def write_into(fs, rel, data):
    # ruleid: unprivileged-realpath-before-root-access
    target = os.path.realpath(os.path.join(fs, rel))
    if target.startswith(os.path.realpath(fs) + '/'):
        utils.execute('tee', target, process_input=data, run_as_root=True)


def _resolve_as_root(fs, *parts):
    resolved, _err = utils.execute('readlink', '-nm', os.path.join(fs, *parts), run_as_root=True)
    # ok: unprivileged-realpath-before-root-access
    if not resolved.startswith(os.path.realpath(fs) + '/'):
        raise ValueError('path outside image')
    return resolved


def read_config(base, name):
    # ok: unprivileged-realpath-before-root-access
    path = os.path.realpath(os.path.join(base, name))
    if not path.startswith(base):
        raise ValueError(name)
    with open(path) as f:
        return f.read()
