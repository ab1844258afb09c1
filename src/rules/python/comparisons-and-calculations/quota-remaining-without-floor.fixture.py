def next_batch(items, max_count, count_all):
    # ruleid: quota-remaining-without-floor
    remaining = max_count - count_all
    return items[:remaining]


def headroom(project, quota_limit, in_use):
    # ruleid: quota-remaining-without-floor
    return quota_limit - in_use


def list_more(api, limits, usage):
    # ruleid: quota-remaining-without-floor
    return api.list(limit=limits["instances"] - usage["instances"])


def clamped(items, max_count, count_all):
    # ok: quota-remaining-without-floor
    remaining = max(0, max_count - count_all)
    return items[:remaining]


def checked_first(items, max_count, count_all):
    if count_all >= max_count:
        return []
    # ok: quota-remaining-without-floor
    return items[:max_count - count_all]


def unlimited_handled(quota_limit, in_use):
    if quota_limit == -1:
        return None
    # ok: quota-remaining-without-floor
    return quota_limit - in_use


def result_checked(quota_limit, in_use, requested):
    # ok: quota-remaining-without-floor
    headroom = quota_limit - in_use
    if headroom < requested:
        raise ValueError("over quota")
    return headroom


def unrelated(total, offset, end, start):
    # ok: quota-remaining-without-floor
    length = end - start
    # ok: quota-remaining-without-floor
    return total - offset, length
