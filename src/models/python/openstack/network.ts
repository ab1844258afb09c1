// Network-service client calls (python-neutronclient v2.0 and openstacksdk's network proxy) as data: which
// resource each method touches, whether it creates, releases, reads or changes one, and the owner field of its body.

export type NetworkResource =
  | 'port' | 'network' | 'subnet' | 'router' | 'floatingip' | 'security_group' | 'security_group_rule'
  | 'port_binding' | 'trunk' | 'subnetpool' | 'qos_policy' | 'address_scope';

export type ResourceOp = 'create' | 'release' | 'read' | 'list' | 'update';

export interface NetworkCall { method: string; resource: NetworkResource; op: ResourceOp }

const NEUTRONCLIENT_RESOURCES: ReadonlyArray<[string, NetworkResource]> = [
  ['port', 'port'], ['network', 'network'], ['subnet', 'subnet'], ['router', 'router'],
  ['floatingip', 'floatingip'], ['security_group', 'security_group'],
  ['security_group_rule', 'security_group_rule'], ['trunk', 'trunk'], ['subnetpool', 'subnetpool'],
  ['qos_policy', 'qos_policy'], ['address_scope', 'address_scope'],
];

/** neutronclient v2.0 `Client` methods: create_/delete_/show_/update_<resource>, list_<resource>s. */
export const NEUTRONCLIENT_CALLS: readonly NetworkCall[] = [
  ...NEUTRONCLIENT_RESOURCES.flatMap(([name, resource]): NetworkCall[] => [
    { method: `create_${name}`, resource, op: 'create' },
    { method: `delete_${name}`, resource, op: 'release' },
    { method: `show_${name}`, resource, op: 'read' },
    { method: `update_${name}`, resource, op: 'update' },
    { method: `list_${name}s`, resource, op: 'list' },
  ]),
  // Port bindings (the port-binding extension) are created per host and must be deleted on rollback.
  { method: 'create_port_binding', resource: 'port_binding', op: 'create' },
  { method: 'delete_port_binding', resource: 'port_binding', op: 'release' },
  { method: 'activate_port_binding', resource: 'port_binding', op: 'update' },
];

/** openstacksdk `conn.network` proxy methods (create_ip is the floating IP). */
export const OPENSTACKSDK_NETWORK_CALLS: readonly NetworkCall[] = [
  { method: 'create_port', resource: 'port', op: 'create' }, { method: 'delete_port', resource: 'port', op: 'release' },
  { method: 'get_port', resource: 'port', op: 'read' }, { method: 'find_port', resource: 'port', op: 'read' },
  { method: 'create_ip', resource: 'floatingip', op: 'create' }, { method: 'delete_ip', resource: 'floatingip', op: 'release' },
  { method: 'get_ip', resource: 'floatingip', op: 'read' },
  { method: 'get_network', resource: 'network', op: 'read' }, { method: 'get_subnet', resource: 'subnet', op: 'read' },
  { method: 'get_security_group', resource: 'security_group', op: 'read' },
  { method: 'get_router', resource: 'router', op: 'read' },
];

/** Keys of a create body that set the owning project; without one the resource belongs to the client's project. */
export const OWNER_BODY_KEYS: ReadonlySet<string> = new Set(['tenant_id', 'project_id']);

/** Resources whose create body carries an owner key (the port/network/floating IP a user's instance will use). */
export const OWNED_ON_CREATE: ReadonlySet<NetworkResource> = new Set([
  'port', 'network', 'subnet', 'router', 'floatingip', 'security_group', 'security_group_rule', 'trunk',
]);
