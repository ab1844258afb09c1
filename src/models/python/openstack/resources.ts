// Creations of OpenStack resources other than network calls, and the vocabulary of their release: records,
// VIF/BDM objects, volumes, attachments, placement allocations. Used by the rollback rules. Data only.

/** A call that creates something a rollback must undo; `receiver` restricts the object expression it is called on. */
export interface CreatorSpec { method: RegExp; receiver?: RegExp; what: string }

export const RESOURCE_CREATORS: readonly CreatorSpec[] = [
  // nova/neutron versioned objects persist on `.create()`: the receiver is the object itself.
  { method: /^create$/, receiver: /^[a-z0-9_]*(obj|vif|bdm|record|mapping|migration|attachment|port|binding|allocation)s?$/i, what: 'database record' },
  { method: /^create$/, receiver: /(^|\.)(volume_api|cinder|volume_client|image_api|glance)$/i, what: 'volume' },
  { method: /^(attachment_create|reserve_volume|initialize_connection)$/, what: 'volume attachment' },
  { method: /^(allocate_for_instance|allocate_port_for_instance|allocate_floating_ip|allocate_fixed_ip)$/, what: 'network allocation' },
  { method: /^(claim_resources|put_allocations)$/, what: 'placement allocation' },
  { method: /^(?:[a-z]+_)*[a-z]+_create$/, receiver: /(^|\.)(db|db_api|api)$/, what: 'database record' },
];

/** Method names that release what a creation made (last dotted segment, matched as a word inside the name). */
export const RELEASE_METHOD = /(^|_)(delete|destroy|release|rollback|cleanup|clean|unbind|deallocate|remove|free|cancel|detach|unreserve|undo|revert|terminate|unplug|teardown|disassociate)(_|$|s$)/i;

/** Arguments too common to tie a release to a creation (`self._cleanup(context)` does not release a VIF). */
export const TRIVIAL_SHARED_ARGUMENTS: ReadonlySet<string> = new Set([
  'self', 'cls', 'context', 'ctxt', 'ctx', 'admin_context', 'elevated', 'neutron', 'client', 'port_client',
  'admin_client', 'session', 'True', 'False', 'None', 'LOG',
]);
