ALLOWED_PROTOCOLS = "tcp udp icmp"
VOWELS = "aeiou"
MESSAGE = "Unable to find the requested resource."


def check(proto, rule, args, choice):
    # ruleid: substring-in-where-membership-meant
    if proto not in "tcp udp icmp":
        raise ValueError(proto)
    # ruleid: substring-in-where-membership-meant
    if rule["direction"] in "ingress,egress":
        return 1
    # ruleid: substring-in-where-membership-meant
    if rule.ethertype in ALLOWED_PROTOCOLS:
        return 2
    modes = "active|standby"
    # ruleid: substring-in-where-membership-meant
    return args.mode in modes


def fine(proto, line, char, text, name):
    # ok: substring-in-where-membership-meant
    if proto in ("tcp", "udp", "icmp"):
        return 1
    # ok: substring-in-where-membership-meant
    if proto in "tcp udp icmp".split():
        return 2
    # ok: substring-in-where-membership-meant
    if "error" in line:
        return 3
    # ok: substring-in-where-membership-meant
    if char in VOWELS:
        return 4
    # ok: substring-in-where-membership-meant
    if char in " \t\n":
        return 5
    # ok: substring-in-where-membership-meant
    if name in MESSAGE:
        return 6
    # ok: substring-in-where-membership-meant
    if "tcp" in "tcp udp":
        return 7
    # ok: substring-in-where-membership-meant
    return char in "a b c"
