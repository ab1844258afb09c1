import os

from cloudlab import utils


def inject_file(fs, path, contents):
    # ruleid: root-path-join-without-containment
    target = os.path.join(fs, path.lstrip('/'))
    parent = os.path.dirname(target)
    utils.execute('mkdir', '-p', parent, run_as_root=True)
    utils.execute('tee', target, process_input=contents, run_as_root=True)


def append_file(fs, path, contents):
    args = ['-a']
    # ruleid: root-path-join-without-containment
    args.append(os.path.join(fs, path))
    kwargs = dict(process_input=contents, run_as_root=True)
    utils.execute('tee', *args, **kwargs)


def remove_file(fs, path):
    # ruleid: root-path-join-without-containment
    utils.execute('rm', '-f', os.path.join(fs, path), run_as_root=True)


def inject_file_checked(fs, path, contents):
    # ok: root-path-join-without-containment
    target = os.path.realpath(os.path.join(fs, path))
    if not target.startswith(os.path.realpath(fs) + '/'):
        raise ValueError('path escapes the image')
    utils.execute('tee', target, process_input=contents, run_as_root=True)


def write_metadata(fs, contents):
    # ok: root-path-join-without-containment
    target = os.path.join(fs, 'meta.js')
    utils.execute('tee', target, process_input=contents, run_as_root=True)


def write_unprivileged(fs, path, contents):
    # ok: root-path-join-without-containment
    target = os.path.join(fs, path)
    with open(target + '.tmp', 'w') as f:
        f.write(contents)


def remove_clone(mount, clone_path):
    # ok: root-path-join-without-containment
    local = os.path.join(mount, os.path.basename(clone_path))
    utils.execute('rm', '-f', local, run_as_root=True)


def remove_clone_keeping_dirs(mount, clone_path):
    # ruleid: root-path-join-without-containment
    local = os.path.join(mount, os.path.dirname(clone_path), 'data')
    utils.execute('rm', '-f', local, run_as_root=True)
