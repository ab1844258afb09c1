// Where a Nova/Neutron API handler receives data its caller chose (webob requests, bodies, scheduler hints,
// requested networks), as data for the access-control and resource-exhaustion rules.

/** Request headers that name an object to load (the metadata proxy's X-Instance-ID, X-Port-ID …). */
export const ID_HEADER = /^x-[a-z-]*-id$/i;
/** Request headers naming the caller's project: reading one means an owner comparison is meant to happen. */
export const PROJECT_HEADER = /^x-(tenant|project)-id$/i;

/** Names of values that hold a list or mapping the API caller supplied. */
export const USER_COLLECTION_NAMES = /^(body|scheduler_hints|hints|requested_networks|requested_ports|networks|security_groups|block_device_mapping\w*|personality|files|injected_files|metadata|address_pairs|allowed_address_pairs|fixed_ips|host_routes|dns_nameservers|firewall_rules|rules|tags|ids)$/;
/** Request attributes (webob) that hold caller data. */
export const REQUEST_DATA_ATTRIBUTES: ReadonlySet<string> = new Set(['GET', 'POST', 'params', 'json_body', 'json', 'body', 'headers', 'urlvars']);
