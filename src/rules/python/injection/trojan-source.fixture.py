# Lines below hold real bidirectional control characters; the annotations mark which ones count.


def is_admin(level):
    # ruleid: trojan-source
    if level != "none‮⁦":  # check⁩⁦ and level != "user
        return True
    # ruleid: trojan-source
    note = "end of string"  # comment with an isolate ⁦hidden⁩
    # ruleid: trojan-source
    flag = "a‬b"
    # ruleid: trojan-source
    # a comment with a right-to-left mark ‏ here
    # ok: trojan-source
    greeting = "שלום‏ world"
    # ok: trojan-source
    plain = "\u202e written as an escape"
    return False
