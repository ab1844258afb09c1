from oslo_config import cfg

from cloudlab.compute import api as compute
from cloudlab import network
from cloudlab.scheduler import filters

CONF = cfg.CONF


class NearServerFilter(filters.BaseHostFilter):

    def __init__(self):
        self.compute_api = compute.API()

    def _host_of(self, context, server_id):
        return self.compute_api.get(context, server_id).host

    def host_passes(self, host_state, spec_obj):
        wanted = spec_obj.scheduler_hints.get('near_servers', [])
        # ruleid: unbounded-remote-calls-per-item
        return any(self._host_of(spec_obj.context, s) == host_state.host for s in wanted)


class NearServerFilterBounded(filters.BaseHostFilter):

    def __init__(self):
        self.compute_api = compute.API()

    def host_passes(self, host_state, spec_obj):
        wanted = spec_obj.scheduler_hints.get('near_servers', [])
        if len(wanted) > CONF.max_server_hints:
            return False
        hosts = {}
        # ok: unbounded-remote-calls-per-item
        for inst in self.compute_api.get_all(spec_obj.context, {'uuid': wanted}):
            hosts[inst.uuid] = inst.host
        return host_state.host in hosts.values()


class GroupRules(object):

    def __init__(self):
        self.network_api = network.API()

    def rules_for(self, ctxt, security_groups):
        lines = []
        for group in security_groups:
            for rule in group.rules:
                for member in rule.grantee_instances:
                    # ruleid: unbounded-remote-calls-per-item
                    nw_info = self.network_api.get_instance_nw_info(ctxt, member)
                    lines.extend(ip['address'] for ip in nw_info.fixed_ips())
        return lines

    def rules_for_bulk(self, ctxt, security_groups):
        members = [m for g in security_groups for r in g.rules for m in r.grantee_instances]
        # ok: unbounded-remote-calls-per-item
        infos = self.network_api.get_instances_nw_info(ctxt, members)
        return [ip['address'] for info in infos for ip in info.fixed_ips()]

    def rules_for_cached(self, ctxt, security_groups):
        infos = {}
        for group in security_groups:
            for rule in group.rules:
                member = rule.grantee
                if member and member not in infos:
                    # ok: unbounded-remote-calls-per-item
                    infos[member] = self.network_api.get_instance_nw_info(ctxt, member)
        return infos

    def rules_for_checked_elsewhere(self, ctxt, security_groups):
        infos = {}
        seen = set()
        for group in security_groups:
            for rule in group.rules:
                if rule.grantee not in seen:
                    # ruleid: unbounded-remote-calls-per-item
                    infos[rule.grantee] = self.network_api.get_instance_nw_info(ctxt, rule.grantee)
        return infos

    # A revert deletes, host by host, every port it added: one call per port the service already holds.
    def revert_added_ports(self, ctxt, deltas):
        for host, delta in deltas.items():
            for port in delta.added_ports:
                # ok: unbounded-remote-calls-per-item
                self.network_api.delete_port(ctxt, port)

    # Reading each of them back is a lookup per item, which a bulk query would replace.
    def added_ports_info(self, ctxt, deltas):
        infos = []
        for host, delta in deltas.items():
            for port in delta.added_ports:
                # ruleid: unbounded-remote-calls-per-item
                infos.append(self.network_api.show_port(ctxt, port))
        return infos

    def first_reachable(self, ctxt, groups):
        for group in groups:
            for member in group.members:
                # ok: unbounded-remote-calls-per-item
                info = self.network_api.get_instance_nw_info(ctxt, member)
                if info:
                    return info
        return None


class ServerTagsController(object):

    def __init__(self):
        self.compute_api = compute.API()

    def update_all(self, req, server_id, body):
        context = req.environ['cloudlab.context']
        for tag in body['tags']:
            # ruleid: unbounded-remote-calls-per-item
            self.compute_api.add_tag(context, server_id, tag)

    def update_all_bounded(self, req, server_id, body):
        context = req.environ['cloudlab.context']
        tags = body['tags']
        if len(tags) > CONF.max_tags:
            raise ValueError('too many tags')
        for tag in tags:
            # ok: unbounded-remote-calls-per-item
            self.compute_api.add_tag(context, server_id, tag)


class PortBindingsController(object):

    def __init__(self):
        self.network_api = network.API()

    # The request body arrives annotated (and keyword-only): still the caller's data.
    def create(self, req, body: dict, *, dry_run: bool = False):
        context = req.environ['cloudlab.context']
        for binding in body['bindings']:
            # ruleid: unbounded-remote-calls-per-item
            self.network_api.bind_port(context, binding)

    # A list parameter that is not the request body, sliced to a fixed size: not the caller's unbounded list.
    def rebuild(self, req, port_ids: list):
        context = req.environ['cloudlab.context']
        for port_id in port_ids[:10]:
            # ok: unbounded-remote-calls-per-item
            self.network_api.bind_port(context, port_id)
