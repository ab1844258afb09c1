# ruleid: import-subprocess
import subprocess
# ruleid: import-subprocess
import subprocess as sp
# ruleid: import-subprocess
from subprocess import Popen, PIPE
# ruleid: import-subprocess
import os, subprocess32
# ruleid: import-subprocess
from subprocess import (
    CalledProcessError,
    check_output,
)
# ok: import-subprocess
from subprocess import CalledProcessError, TimeoutExpired
# ok: import-subprocess
from .subprocess import helper
# ok: import-subprocess
import subprocess_tee


def load(name):
    # ruleid: import-subprocess
    mod = __import__("subprocess")
    # ruleid: import-subprocess
    other = importlib.import_module("subprocess")
    # ok: import-subprocess
    third = importlib.import_module(name)
    return mod, other, third


import importlib
