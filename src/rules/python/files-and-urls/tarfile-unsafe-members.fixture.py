import tarfile
import zipfile


def safe_members(tar, dest):
    return [m for m in tar.getmembers() if m.isfile()]


def unpack(archive, dest, chosen):
    with tarfile.open(archive) as tar:
        # ruleid: tarfile-unsafe-members
        tar.extractall(dest)
        # ruleid: tarfile-unsafe-members
        tar.extractall(path=dest, members=safe_members(tar, dest))
        # ruleid: tarfile-unsafe-members
        tar.extractall(dest, members=chosen)
        # ruleid: tarfile-unsafe-members
        tar.extractall(dest, filter="fully_trusted")
        # ok: tarfile-unsafe-members
        tar.extractall(dest, filter="data")
        # ok: tarfile-unsafe-members
        tar.extractall(dest, filter=tarfile.data_filter)
    # ruleid: tarfile-unsafe-members
    tarfile.open(archive).extractall(dest)
    with zipfile.ZipFile(archive) as bundle:
        # ok: tarfile-unsafe-members
        bundle.extractall(dest)
    # ok: tarfile-unsafe-members
    zipfile.ZipFile(archive).extractall(dest)
