import json

DEFAULT_PORT = "8080"


def status_checks(resp, body, data, count):
    code = str(resp.status)
    # ruleid: mixed-type-compare
    if code == 404:
        return None
    # ruleid: mixed-type-compare
    if len(body) != "0":
        return None
    # ruleid: mixed-type-compare
    if int(data) in ("1", "2"):
        return None
    port = DEFAULT_PORT
    # ruleid: mixed-type-compare
    if port == 8080:
        return None
    raw = "ok".encode()
    # ruleid: mixed-type-compare
    if raw == "ok":
        return None
    total = 0
    for _ in body:
        total += 1
    # ruleid: mixed-type-compare
    return total == "3"


def fine(resp, body, data, value):
    code = resp.status
    # ok: mixed-type-compare
    if code == 404:
        return None
    # ok: mixed-type-compare
    if str(code) == "404":
        return None
    # ok: mixed-type-compare
    if "a" in "abc":
        return None
    # ok: mixed-type-compare
    if len(body) == 0:
        return None
    number = data.get("n")
    # ok: mixed-type-compare
    if number == 3:
        return None
    if value:
        number = "3"
    else:
        number = 3
    # ok: mixed-type-compare
    if number == 3:
        return None
    # ok: mixed-type-compare
    if b"".join(data) == b"":
        return None
    # ok: mixed-type-compare
    if value.strip(b" \t") == b"end":
        return None
    # ok: mixed-type-compare
    if value.strip() == b"end":
        return None
    parsed = json.loads(body)
    # ok: mixed-type-compare
    return parsed == 1


def require_admin_port(port_text, role):
    port = int(port_text)
    # A validation that never rejects: reported at medium confidence (test/rules/mixedTypeConfidence.test.ts).
    # ruleid: mixed-type-compare
    if port != "443" and role != "admin":
        raise ValueError("admin port only")
    return port
