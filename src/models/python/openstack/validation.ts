// API input validation in Nova and Neutron as data: how validator functions are named, what bounds an input's
// size, and which neutron resource attributes change privileges and so need `enforce_policy` in attribute maps.

/** Validator functions: nova's `_validate_*` helpers and neutron's `_validate_*(data, valid_values=None)`. */
export const VALIDATOR_NAME = /^_?validate_\w+$/;

/** Validators of free-text fields (names, descriptions, tags): these need a maximum length. */
export const TEXT_FIELD_VALIDATOR = /(name|description|display|hostname|tag|comment|title|message|label|alias)/i;

/**
 * What bounds a size: `len(...)` compared, a `max_len`/`MAX_*` limit, oslo/nova/neutron length helpers, or a
 * configured maximum (`CONF.max_allowed_address_pair`).
 */
export const LENGTH_BOUND = /\blen\(|max_?len|min_?len|\bMAX_\w+|check_string_length|validate_string|_validate_string|\bCONF\.\w*max\w*|\bcfg\.CONF\.\w*max\w*|max_items|maxItems|maxLength|\bislice\(/;

/**
 * Neutron resource attributes whose value grants or changes privileges (who owns a port, binding to a host,
 * sharing, external networks, provider details, spoofing protection): writable without `enforce_policy`, any
 * project member can set them.
 */
export const PRIVILEGED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'device_owner', 'binding:host_id', 'binding:profile', 'binding:vnic_type', 'shared', 'router:external',
  'provider:network_type', 'provider:physical_network', 'provider:segmentation_id', 'port_security_enabled',
  'mac_address', 'is_default', 'distributed', 'ha', 'target_tenant', 'target_project', 'segments',
]);
