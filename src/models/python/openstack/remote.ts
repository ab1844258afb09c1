// Calls that leave the process (REST to another service, RPC to another host, a database round trip through an
// API object), as data: the per-item cost model behind the resource-exhaustion rules.

/**
 * Receivers whose every method is a call to another service (`self.compute_api.get`, `self.compute_rpcapi.build`,
 * `neutron.show_port`). In-process plugins (`self._core_plugin`), OVSDB IDLs and service-group drivers are not.
 */
export const REMOTE_RECEIVER = /(^|\.)(compute_api|network_api|volume_api|image_api|security_group_api|conductor_api|compute_task_api|keymgr|\w*rpcapi|\w*_rpc_?client|neutron|neutron_client|neutronclient|novaclient|cinderclient|glanceclient|placementclient|reportclient|scheduler_client|nw_api|neutron_api|nova_api|cinder|glance)$/i;

/** Receivers that are in-process even when a remote-looking method is called on them. */
export const IN_PROCESS_RECEIVER = /plugin|p_utils|(_db|db_api|objects?|idl|nb_api|sb_api|cache)$/i;

/** Method names that are remote calls whatever the receiver (`nw_api.get_instance_nw_info`). */
export const REMOTE_METHODS: ReadonlySet<string> = new Set([
  'get_instance_nw_info', 'get_allocations_for_consumer', 'get_provider_tree_and_ensure_root',
  'get_allocation_candidates', 'show_port', 'show_network', 'show_subnet', 'list_ports', 'list_networks',
  'list_subnets', 'show_floatingip', 'list_floatingips', 'show_security_group', 'list_security_groups',
]);

/** Constructors of service API clients: building one per item multiplies connections and lookups. */
export const API_CONSTRUCTORS = /(^|\.)(network|compute|volume|image|conductor|neutron|cinder|glance)\.API$/;

/**
 * Methods the scheduler calls once per candidate host (filters and weighers): a loop inside them runs
 * hosts × items times.
 */
export const PER_HOST_METHODS: ReadonlySet<string> = new Set(['host_passes', '_filter_one', 'filter_one', '_weigh_object', 'weigh_object', 'host_info_requiring_instance_ids']);
