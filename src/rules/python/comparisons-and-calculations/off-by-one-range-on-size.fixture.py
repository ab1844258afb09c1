def walk(items, names, text):
    out = []
    # ruleid: off-by-one-range-on-size
    for i in range(len(items) + 1):
        out.append(items[i])
    # ruleid: off-by-one-range-on-size
    for n in range(1, len(names) + 1):
        print(n, names[n])
    # ruleid: off-by-one-range-on-size
    last = items[len(items)]
    i = 0
    # ruleid: off-by-one-range-on-size
    while i <= len(text):
        out.append(text[i])
        i += 1
    # ruleid: off-by-one-range-on-size
    if len(names) >= i:
        return names[i]
    return out, last


def fine(items, names, counters):
    out = []
    # ok: off-by-one-range-on-size
    for i in range(len(items)):
        out.append(items[i])
    # ok: off-by-one-range-on-size
    for n in range(1, len(names) + 1):
        print(n, names[n - 1])
    # ok: off-by-one-range-on-size
    for n in range(len(names) + 1):
        print(names[:n])
    # ok: off-by-one-range-on-size
    for k in range(len(items) + 1):
        if k == len(items):
            break
        out.append(items[k])
    # ok: off-by-one-range-on-size
    last = items[len(items) - 1]
    registry = {}
    # ok: off-by-one-range-on-size
    registry[len(registry)] = last
    i = 0
    # ok: off-by-one-range-on-size
    while i < len(items):
        i += 1
    # ok: off-by-one-range-on-size
    if i <= len(items):
        return items[:i]
    return out
