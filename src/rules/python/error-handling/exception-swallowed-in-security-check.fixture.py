import logging

LOG = logging.getLogger(__name__)


def delete_server(context, server, policy):
    try:
        # ruleid: exception-swallowed-in-security-check
        policy.authorize(context, "server:delete", server)
    except Exception:
        LOG.warning("policy check failed for %s", server.id)
    server.destroy()


def update_port(context, port, body, enforcer):
    try:
        # ruleid: exception-swallowed-in-security-check
        enforcer.enforce(context, "update_port", port)
    except:  # noqa: E722
        pass
    port.update(body)


def set_name(name, validate_name, store):
    try:
        # ruleid: exception-swallowed-in-security-check
        validate_name(name)
    except Exception as exc:
        LOG.debug("ignoring invalid name: %s", exc)
    store.save(name)


def reraises(context, policy, server):
    try:
        # ok: exception-swallowed-in-security-check
        policy.authorize(context, "server:delete", server)
    except Exception:
        LOG.exception("policy check failed")
        raise
    server.destroy()


def denies_explicitly(context, policy, server):
    try:
        # ok: exception-swallowed-in-security-check
        policy.authorize(context, "server:delete", server)
    except Exception:
        LOG.warning("denied")
        return False
    server.destroy()
    return True


def narrow_handler(context, policy, server, NotAuthorized):
    try:
        # ok: exception-swallowed-in-security-check
        policy.authorize(context, "server:show", server)
    except NotAuthorized:
        server = server.redacted()
    return server


def records_result(context, policy):
    try:
        # ok: exception-swallowed-in-security-check
        policy.enforce(context, "admin_only", {})
        is_admin = True
    except Exception:
        is_admin = False
    return is_admin


def else_branch_is_the_passed_path(context, policy, server):
    try:
        # ok: exception-swallowed-in-security-check
        policy.authorize(context, "server:delete", server)
    except Exception:
        LOG.warning("not allowed")
    else:
        server.destroy()


def subprocess_check(cmd, subprocess):
    try:
        # ok: exception-swallowed-in-security-check
        subprocess.check_call(cmd)
    except Exception:
        LOG.warning("command failed")


def per_item_check(context, policy, servers):
    for server in servers:
        try:
            # ok: exception-swallowed-in-security-check
            policy.authorize(context, "server:show", server)
        except Exception:
            continue
        yield server


def fetch(client, url):
    status, body = client.get(url)
    try:
        # ok: exception-swallowed-in-security-check
        client.check_status(url, status, body)
    except Exception as exc:
        LOG.debug("GET %s failed: %s", url, exc)
    if status == 200:
        return body
    return None


def fetch_without_retest(client, url, store):
    status, body = client.get(url)
    try:
        # ruleid: exception-swallowed-in-security-check
        client.check_status(url, status, body)
    except Exception as exc:
        LOG.debug("GET %s failed: %s", url, exc)
    if status:
        store.save(body)


class Replicator(object):
    def setup(self, site, opts):
        self.primary = site
        try:
            # ok: exception-swallowed-in-security-check
            self.primary.check_opts(opts)
            self.primary.connect()
        except Exception:
            LOG.error("primary site failed to initialise")
            self.primary = None


def authz_value_compared_later(context, server, policy):
    try:
        # ruleid: exception-swallowed-in-security-check
        policy.authorize(context, "server:resize", server)
    except Exception:
        LOG.warning("denied")
    if server.flavor == "small":
        server.resize()


class QuotaRevert(object):
    # A revert step re-counts the quota for the project; nothing after the try uses the values checked.
    def revert(self, db, project):
        try:
            # ok: exception-swallowed-in-security-check
            db.check_quota(project)
            db.commit()
        except Exception:
            db.rollback()


def scan_disks(root, names):
    started = now()
    try:
        for name in names:
            # ok: exception-swallowed-in-security-check
            validate_mount(root, name)
            scrub(root, name)
    except Exception:
        LOG.exception("scan pass failed")
    LOG.info("pass took %s", now() - started)


def import_record(db, record):
    try:
        # ruleid: exception-swallowed-in-security-check
        validate_record(record)
    except Exception:
        LOG.warning("invalid record")
    db.insert(record)


class QuotaRestore(object):
    # Each re-count is a write in its own transaction: the "check" takes the session the try commits, so it is
    # called for the write (its verdict is a return value nobody reads here), and the handler rolls that write back.
    # The project it names is used again afterwards, by the next re-count.
    def revert(self, sessions, repos, project_id, children):
        session = sessions.get()
        try:
            # ok: exception-swallowed-in-security-check
            repos.check_quota_met(session, 'pool', project_id)
            session.commit()
        except Exception:
            session.rollback()
        for _ in range(children):
            session = sessions.get()
            try:
                # ok: exception-swallowed-in-security-check
                repos.check_quota_met(session, 'member', project_id)
                session.commit()
            except Exception:
                session.rollback()


def save_profile(db, session, profile):
    # The session commits, but the check was not handed it: a failed validation still lets the profile through.
    try:
        # ruleid: exception-swallowed-in-security-check
        validate_profile(profile)
        session.commit()
    except Exception:
        LOG.warning("invalid profile")
    db.store(profile)
