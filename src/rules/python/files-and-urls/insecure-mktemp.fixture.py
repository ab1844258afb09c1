import tempfile
from tempfile import mktemp
from tempfile import mktemp as make_name


def scratch(prefix):
    # ruleid: insecure-mktemp
    first = tempfile.mktemp()
    # ruleid: insecure-mktemp
    second = mktemp(suffix=".log")
    # ruleid: insecure-mktemp
    third = make_name(prefix=prefix,
                      dir="/var/tmp")
    # ok: insecure-mktemp
    fd, path = tempfile.mkstemp()
    # ok: insecure-mktemp
    workdir = tempfile.mkdtemp()
    return first, second, third, fd, path, workdir
