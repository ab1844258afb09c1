import logging
import os
import shutil
import tarfile
import zipfile

import pycdlib

from harbour.common import utils

LOG = logging.getLogger(__name__)


def extract_iso(image, target):
    iso = pycdlib.PyCdlib()
    iso.open(image)
    for dirname, dirlist, filelist in iso.walk(iso_path='/'):
        dir_path = dirname.lstrip('/')
        for sub in dirlist:
            # ruleid: archive-member-path-traversal
            os.makedirs(os.path.join(target, dir_path, sub))
        for name in filelist:
            LOG.debug('extracting %s', name)
            # ruleid: archive-member-path-traversal
            iso.get_file_from_iso(os.path.join(target, dir_path, name),
                                  iso_path=os.path.join(dirname, name))
    iso.close()


def extract_rock_ridge(source, target):
    for path, dirlist, filelist in source.walk(rr_path='/'):
        for f in filelist:
            record = source.get_record(rr_path=os.path.join(path, f))
            full = source.full_path_from_dirrecord(record, rockridge=True)
            dest = os.path.join(target, full.lstrip('/'))
            # ruleid: archive-member-path-traversal
            source.get_file_from_iso(local_path=dest, rr_path=os.path.join(path, f))


def unzip_all(archive, target):
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            dest = os.path.join(target, info.filename)
            # ruleid: archive-member-path-traversal
            with open(dest, 'wb') as out, zf.open(info) as src:
                shutil.copyfileobj(src, out)


def unzip_checked(archive, target):
    base = os.path.realpath(target)
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            dest = os.path.realpath(os.path.join(base, info.filename))
            if not dest.startswith(base + os.sep):
                raise ValueError('entry leaves the target')
            # ok: archive-member-path-traversal
            with open(dest, 'wb') as out, zf.open(info) as src:
                shutil.copyfileobj(src, out)


def untar_names_only(archive, target):
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            name = os.path.basename(member.name)
            # ok: archive-member-path-traversal
            with open(os.path.join(target, name), 'wb') as out:
                out.write(tar.extractfile(member).read())


def extract_validated(image, target):
    iso = pycdlib.PyCdlib()
    iso.open(image)
    for dirname, dirlist, filelist in iso.walk(iso_path='/'):
        dir_path = dirname.lstrip('/')
        for name in filelist:
            utils.check_path_inside(target, dir_path, name)
            # ok: archive-member-path-traversal
            iso.get_file_from_iso(os.path.join(target, dir_path, name),
                                  iso_path=os.path.join(dirname, name))


def list_entries(archive, report):
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    # ok: archive-member-path-traversal
    with open(report, 'w') as out:
        out.write('\n'.join(names))


def read_entries(archive, target):
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            # ok: archive-member-path-traversal
            with open(os.path.join(target, name)) as existing:
                LOG.info('%s: %d bytes', name, len(existing.read()))


def unzip_predicate(archive, location):
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            fn = os.path.join(location, info.filename)
            if not utils.is_inside(location, fn):
                raise ValueError('%s leaves %s' % (fn, location))
            # ok: archive-member-path-traversal
            with open(fn, 'wb') as out, zf.open(info) as src:
                shutil.copyfileobj(src, out)
