// The shape of resource models: which calls acquire something that must be released, which calls release it, and
// where it lives. Tables in src/models/<language>/resources.ts fill these types; front-ends match them against
// their own syntax. Data shapes only.

/**
 * Which calls an entry means. `name`: the qualified name through the imports (`socket.socket`); `method`: the last
 * segment of a method call, with `receiver` restricting the object expression's text (`self.volume_api`).
 */
export interface ResourceCall { name?: string; method?: string | RegExp; receiver?: RegExp }

/**
 * Where a resource lives decides what a leak costs: `process` resources (descriptors, locks, temporary files) die
 * with the process; `host` ones (device mappings, iSCSI sessions, OVS ports, temporary directories) outlive it on
 * the machine; `service` ones (ports, volumes, attachments, allocations, stored image data) are records in another
 * service that count against a tenant's quota until someone deletes them.
 */
export type ResourceScope = 'process' | 'host' | 'service';

/** One acquire → release pair. */
export interface ResourcePair {
  /** What it is, for messages: "file", "neutron port", "volume attachment". */
  what: string;
  scope: ResourceScope;
  /** Calls that return (or, for `self`-persisting objects, make) the resource. */
  acquire: readonly ResourceCall[];
  /** Calls that release it: on the handle (`f.close()`), or with the handle as an argument (`os.close(fd)`). */
  release: readonly ResourceCall[];
  /** Which element of an unpacked result is the handle (`fd, path = mkstemp()`: 0). */
  handle?: number;
}

/** A release call of a resource that lives outside the process, for the cleanup rules. */
export interface ExternalRelease { what: string; scope: Exclude<ResourceScope, 'process'>; call: ResourceCall }
