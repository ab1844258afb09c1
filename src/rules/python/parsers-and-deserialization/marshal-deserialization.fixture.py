import marshal
import marshal as m
from marshal import load as read_code


def restore(blob, stream):
    # ruleid: marshal-deserialization
    code = marshal.loads(blob)
    # ruleid: marshal-deserialization
    more = m.load(stream)
    # ruleid: marshal-deserialization
    third = read_code(stream)
    # ok: marshal-deserialization
    out = marshal.dumps(code)
    return code, more, third, out


def loads(data):
    return data


def parse(blob):
    # ok: marshal-deserialization
    return loads(blob)
