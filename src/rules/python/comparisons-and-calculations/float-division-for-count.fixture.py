import os
from pathlib import Path


def split(items, width, total):
    middle = len(items) / 2
    # ruleid: float-division-for-count
    head = items[:middle]
    # ruleid: float-division-for-count
    for i in range(total / 4):
        print(i)
    # ruleid: float-division-for-count
    banner = "-" * (width / 2)
    # ruleid: float-division-for-count
    salt = os.urandom(len(items) / 2 + 1)
    pages = list(items)
    # ruleid: float-division-for-count
    first = pages.pop(len(pages) / 2)
    return head, banner, salt, first


def fine(items, width, total, base, ratio):
    middle = len(items) // 2
    # ok: float-division-for-count
    head = items[:middle]
    # ok: float-division-for-count
    for i in range(int(total / 4)):
        print(i)
    # ok: float-division-for-count
    banner = "-" * (width // 2)
    # ok: float-division-for-count
    config = Path(base) / "etc"
    scores = {}
    # ok: float-division-for-count
    scores[total / 2] = ratio
    # ok: float-division-for-count
    share = total / width
    # ok: float-division-for-count
    return head[: int(share)], banner, config
