from pysnmp.hlapi import UsmUserData, usmAesCfb128Protocol, usmHMACSHAAuthProtocol


def auth(user, auth_key, priv_key, options):
    # ruleid: snmp-weak-crypto
    no_auth = UsmUserData(user)
    # ruleid: snmp-weak-crypto
    auth_only = UsmUserData(user, auth_key, authProtocol=usmHMACSHAAuthProtocol)
    # ok: snmp-weak-crypto
    full = UsmUserData(user, auth_key, priv_key)
    # ok: snmp-weak-crypto
    by_keyword = UsmUserData(user, authKey=auth_key, privKey=priv_key, privProtocol=usmAesCfb128Protocol)
    # ok: snmp-weak-crypto
    splat = UsmUserData(user, **options)
    return no_auth, auth_only, full, by_keyword, splat
