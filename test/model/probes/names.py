# Probes for name resolution: imports, aliases, shadowing, scopes.
import subprocess as sp
from os import path as osp
from yaml import load

import yaml

run = sp.run


def calls(cmd, data):
    # resolves: subprocess.Popen
    sp.Popen(cmd)
    # resolves: os.path.join
    osp.join(cmd, data)
    # resolves: yaml.load
    load(data)
    # resolves: subprocess.run
    run(cmd)
    # resolves: open
    open(data)


def shadowed(data):
    yaml = Parser()
    # resolves: none
    yaml.load(data)


def shadowed_by_parameter(load):
    # resolves: none
    load("x")


class Holder(object):
    yaml = None

    def method(self, data):
        # resolves: yaml.safe_load
        return yaml.safe_load(data)


def nested():
    import json as yaml

    def inner(data):
        # resolves: json.loads
        return yaml.loads(data)
    return inner


def comprehension(items):
    # resolves: yaml.dump
    return [yaml.dump(i) for i in items]


class Parser(object):
    pass
