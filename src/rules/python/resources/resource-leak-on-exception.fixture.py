import os
import socket
import tempfile
import threading

_lock = threading.Lock()


def write_pid(path, pid):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    # ruleid: resource-leak-on-exception
    os.write(fd, str(pid).encode())
    os.close(fd)


def probe(host, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ruleid: resource-leak-on-exception
    sock.connect((host, port))
    banner = sock.recv(64)
    sock.close()
    return banner


class Registry(object):
    def __init__(self):
        self.lock = threading.Lock()
        self.items = {}

    def add(self, key, make):
        self.lock.acquire()
        # ruleid: resource-leak-on-exception
        self.items[key] = make(key)
        self.lock.release()

    def add_safely(self, key, make):
        self.lock.acquire()
        try:
            # ok: resource-leak-on-exception
            self.items[key] = make(key)
        finally:
            self.lock.release()


def create_group(context, quotas, db, name):
    reservations = quotas.reserve(context, groups=1)
    # ruleid: resource-leak-on-exception
    db.ensure_default(context)
    try:
        group = db.group_create(context, name)
        quotas.commit(context, reservations)
    except Exception:
        quotas.rollback(context, reservations)
        raise
    return group


def create_group_fixed(context, quotas, db, name):
    reservations = quotas.reserve(context, groups=1)
    try:
        # ok: resource-leak-on-exception
        db.ensure_default(context)
        group = db.group_create(context, name)
        quotas.commit(context, reservations)
    except Exception:
        quotas.rollback(context, reservations)
        raise
    return group


def scratch(data):
    fd, path = tempfile.mkstemp()
    try:
        # ok: resource-leak-on-exception
        os.write(fd, data)
    finally:
        os.close(fd)
    return path


def read_with(path):
    with open(path) as f:
        # ok: resource-leak-on-exception
        return f.read()


def opened_for_caller(path):
    f = open(path)
    # ok: resource-leak-on-exception
    f.seek(10)
    return f


class Holder(object):
    def start(self, path):
        fh = open(path, "a")
        # ok: resource-leak-on-exception
        fh.write("started\n")
        self.log = fh


def released_in_handler(path, parse):
    fd = os.open(path, os.O_RDONLY)
    try:
        # ok: resource-leak-on-exception
        parse(os.read(fd, 100))
    except Exception:
        os.close(fd)
        raise
    os.close(fd)


def never_released(path):
    fd = os.open(path, os.O_RDONLY)
    # ok: resource-leak-on-exception
    return os.read(fd, 10) and None


def module_lock(update):
    _lock.acquire()
    # ruleid: resource-leak-on-exception
    update()
    _lock.release()


def create_group_announced(context, quotas, db, notifier, name):
    reservations = quotas.reserve(context, groups=1)
    # A notification does not raise (oslo.messaging logs what it cannot send): nothing leaks here.
    # ok: resource-leak-on-exception
    notifier.info(context, 'group.create.start', {'name': name})
    try:
        group = db.group_create(context, name)
        quotas.commit(context, reservations)
    except Exception:
        quotas.rollback(context, reservations)
        raise
    return group


def read_banner(path):
    # A file object is closed by its finalizer when the failed frame goes: reported, at low confidence.
    handle = open(path)
    # ruleid: resource-leak-on-exception
    banner = handle.read(64)
    handle.close()
    return banner


def migrate_all(ctxt, stacks, make_lock):
    # Each lock goes into `locks` before it is taken; the finally releases every one the list holds.
    locks = []
    try:
        for st in stacks:
            # The next lock may fail to be made while this one is held: the finally releases it.
            # ok: resource-leak-on-exception
            lock = make_lock(ctxt, st)
            locks.append(lock)
            lock.acquire()
        ctxt.migrate(stacks)
    finally:
        for lock in locks:
            lock.release()


def migrate_all_forgetful(ctxt, stacks, make_lock):
    # The finally walks another list: the lock taken here is released only on the normal path.
    locks = []
    others = []
    for st in stacks:
        lock = make_lock(ctxt, st)
        locks.append(lock)
        lock.acquire()
        try:
            # ruleid: resource-leak-on-exception
            ctxt.migrate(st)
        finally:
            for lock in others:
                lock.release()
        lock.release()
