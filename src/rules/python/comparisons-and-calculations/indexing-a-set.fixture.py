import typing

ALLOWED = {"tcp", "udp"}


class NotFound(Exception):
    pass


def missing_groups(requested, found):
    wanted = set(requested)
    missing = wanted - set(found)
    if missing:
        # ruleid: indexing-a-set
        raise NotFound(missing[0])
    return wanted


def first_of_comprehension(ports):
    ids = {p["id"] for p in ports}
    # ruleid: indexing-a-set
    return ids[0]


def literal_set():
    names = {"a", "b"}
    # ruleid: indexing-a-set
    print(names[1])


def difference_method(a, b):
    extra = set(a).difference(b)
    # ruleid: indexing-a-set
    return extra[-1]


def dict_view_minus(mapping, seen):
    new_keys = mapping.keys() - seen
    # ruleid: indexing-a-set
    return new_keys[0]


def augmented(a, b):
    pending = set(a)
    pending -= set(b)
    # ruleid: indexing-a-set
    return pending[0]


def module_constant():
    # ruleid: indexing-a-set
    return ALLOWED[0]


def set_or_none(items):
    result = None
    if items:
        result = frozenset(items)
    # ruleid: indexing-a-set
    return result[0]


def first_key():
    mapping = dict(a=1)
    # ruleid: indexing-a-set
    return mapping.keys()[0]


def unknown_mapping(row):
    # ok: indexing-a-set
    return row.keys()[0]


def converted_first(requested, found):
    missing = set(requested) - set(found)
    if missing:
        # ok: indexing-a-set
        raise NotFound(sorted(missing)[0])
    # ok: indexing-a-set
    return list(missing)[0]


def rebound_to_list(items):
    names = set(items)
    names = sorted(names)
    # ok: indexing-a-set
    return names[0]


def maybe_list(items, unique):
    values = list(items)
    if unique:
        values = set(items)
    # ok: indexing-a-set
    return values[0]


def parameter(groups):
    # ok: indexing-a-set
    return groups[0]


def shadowed_set_builtin(set, items):
    values = set(items)
    # ok: indexing-a-set
    return values[0]


def annotation(x: typing.Set[int]) -> typing.Set[int]:
    # ok: indexing-a-set
    return {item: x for item in x}["k"]


def list_minus_unknown(a, b):
    delta = a - b
    # ok: indexing-a-set
    return delta[0]


def alias_chain(a):
    first = set(a)
    second = first
    third = second
    # ruleid: indexing-a-set
    return third[0]


def walrus_alias(a):
    if (found := frozenset(a)):
        # ruleid: indexing-a-set
        return found[0]
    return None


class Tracker:
    def start(this, ids):
        this.pending_ids = set(ids)

    def first(self):
        # ruleid: indexing-a-set
        return self.pending_ids[0]

    def chosen(self, flag, a, b):
        picked = set(a) if flag else set(b)
        # ruleid: indexing-a-set
        return picked[0]


def never_assigned_a_set(rows, key):
    seen = rows
    # ok: indexing-a-set
    return seen[key]
