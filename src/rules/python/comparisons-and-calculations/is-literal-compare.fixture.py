SENTINEL = object()


def check(role, code, value, flags):
    # ruleid: is-literal-compare
    if role is "admin":
        return True
    # ruleid: is-literal-compare
    if code is not 404:
        return False
    # ruleid: is-literal-compare
    if value is -1:
        return None
    # ruleid: is-literal-compare
    if flags is ():
        return None
    # ruleid: is-literal-compare
    if b"\x00" is value:
        return None
    # ruleid: is-literal-compare
    return value is 1.5


def singletons(value, other):
    # ok: is-literal-compare
    if value is None:
        return 1
    # ok: is-literal-compare
    if value is not True and value is not False:
        return 2
    # ok: is-literal-compare
    if value is Ellipsis or value is ...:
        return 3
    # ok: is-literal-compare
    if value is SENTINEL:
        return 4
    # ok: is-literal-compare
    if value is other:
        return 5
    # ok: is-literal-compare
    return value == "admin"
