from pysnmp import hlapi
from pysnmp.hlapi import CommunityData, UsmUserData
from pysnmp.hlapi.v3arch.asyncio import CommunityData as AsyncCommunity


def auth(community, user, auth_key, priv_key):
    # ruleid: snmp-insecure-version
    v1 = CommunityData(community, mpModel=0)
    # ruleid: snmp-insecure-version
    v2c = hlapi.CommunityData(community)
    # ruleid: snmp-insecure-version
    async_v2 = AsyncCommunity(community, mpModel=1)
    # ok: snmp-insecure-version
    v3 = UsmUserData(user, auth_key, priv_key)
    # ok: snmp-insecure-version
    unrelated = CommunityDataFactory(community)
    return v1, v2c, async_v2, v3, unrelated
