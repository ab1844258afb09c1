import yaml
from yaml import load as yaml_read
from yaml import SafeLoader


def read(stream, loader):
    # ruleid: yaml-unsafe-load
    data = yaml.load(stream, Loader=yaml.Loader)
    # ruleid: yaml-unsafe-load
    legacy = yaml.load(stream)
    # ruleid: yaml-unsafe-load
    docs = yaml.load_all(stream, yaml.FullLoader)
    # ruleid: yaml-unsafe-load
    aliased = yaml_read(stream, Loader=yaml.UnsafeLoader)
    # ruleid: yaml-unsafe-load
    raw = yaml.unsafe_load(stream)
    # ok: yaml-unsafe-load
    safe = yaml.safe_load(stream)
    # ok: yaml-unsafe-load
    explicit = yaml.load(stream, Loader=SafeLoader)
    # ok: yaml-unsafe-load
    fast = yaml.load(stream, yaml.CSafeLoader)
    # ok: yaml-unsafe-load
    strings = yaml.load(stream, Loader=yaml.BaseLoader)
    # ok: yaml-unsafe-load
    other = json_load(stream)
    return data, legacy, docs, aliased, raw, safe, explicit, fast, strings, other


if hasattr(yaml, 'CSafeLoader'):
    _base = yaml.CSafeLoader
else:
    _base = yaml.SafeLoader


class StrictLoader(_base):
    """Adds a constructor to a safe loader: still builds plain data only."""


class TaggedLoader(yaml.FullLoader):
    pass


class PlainLoader(StrictLoader):
    pass


def read_config(stream):
    # ok: yaml-unsafe-load
    conf = yaml.load(stream, Loader=StrictLoader)
    # ok: yaml-unsafe-load
    plain = yaml.load(stream, Loader=PlainLoader)
    # ruleid: yaml-unsafe-load
    tagged = yaml.load(stream, Loader=TaggedLoader)
    return conf, plain, tagged
