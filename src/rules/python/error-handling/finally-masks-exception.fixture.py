def write_all(db, records):
    try:
        db.write(records)
    finally:
        db.close()
        # ruleid: finally-masks-exception
        return True


def drain(queue):
    while queue:
        try:
            queue.pop_and_send()
        finally:
            if queue.closed:
                # ruleid: finally-masks-exception
                break


def each(items, send):
    for item in items:
        try:
            send(item)
        finally:
            # ruleid: finally-masks-exception
            continue


def cleanup_loop_inside_finally(paths, remove):
    try:
        remove(paths[0])
    finally:
        for p in paths:
            if not p:
                # ok: finally-masks-exception
                continue
            if p == "/":
                # ok: finally-masks-exception
                break
            remove(p)


def nested_function_in_finally(conn):
    try:
        conn.send()
    finally:
        def report():
            # ok: finally-masks-exception
            return conn.stats()
        conn.close(report)


def return_after_try(conn):
    try:
        conn.send()
    finally:
        conn.close()
    # ok: finally-masks-exception
    return True


def break_in_loop_else_inside_finally(items, other):
    for x in other:
        try:
            x.go()
        finally:
            for item in items:
                item.close()
            else:
                # ruleid: finally-masks-exception
                break


def clone_or_report(volume, copy, log):
    ok = False
    try:
        ok = copy(volume)
    except Exception as exc:
        log.info("clone failed: %s", exc)
    finally:
        # ok: finally-masks-exception
        return {"volume": volume, "cloned": ok}


def handler_reraises(volume, copy):
    try:
        copy(volume)
    except Exception:
        volume.mark_failed()
        raise
    finally:
        # ruleid: finally-masks-exception
        return volume


def narrow_handler(volume, copy):
    try:
        copy(volume)
    except KeyError:
        pass
    finally:
        # ruleid: finally-masks-exception
        return volume


def else_block_not_covered(volume, copy, publish):
    try:
        copy(volume)
    except Exception:
        pass
    else:
        publish(volume)
    finally:
        # ruleid: finally-masks-exception
        return volume



def run_job(job, runner, stats):
    # The return runs only for outcomes the exception path never sets: nothing is discarded.
    outcome = None
    try:
        outcome = runner.run(job)
    except Exception:
        outcome = "failed"
        raise
    finally:
        stats.record(job)
        if outcome in ("skipped", "deferred"):
            # ok: finally-masks-exception
            return
        stats.count(outcome)


def run_job_masking(job, runner, stats):
    # The exception path sets an outcome the test accepts: the return discards the failure.
    outcome = None
    try:
        outcome = runner.run(job)
    except Exception:
        outcome = "skipped"
        raise
    finally:
        if outcome in ("skipped", "deferred"):
            # ruleid: finally-masks-exception
            return
        stats.count(outcome)
