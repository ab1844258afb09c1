// Acquire → release pairs as data: what a Python function can take that someone must give back — files, sockets,
// locks, temporary files and directories, subprocesses, HTTP connections and responses, quota reservations — and,
// for the OpenStack services, the records other services keep (ports, floating IPs, port bindings, volumes and
// attachments, placement allocations, stored image data, host-side iSCSI/FC connections). Read by the resources
// front-end (src/languages/python/resources/); the OpenStack creators themselves are in ./openstack/resources.ts.
import type { ExternalRelease, ResourceCall, ResourcePair } from '../../analysis/resources/spec.js';
import { NEUTRONCLIENT_CALLS, OPENSTACKSDK_NETWORK_CALLS } from './openstack/network.js';

/** Resources of this process acquired into a local by a call with a qualified name. */
export const LOCAL_PAIRS: readonly ResourcePair[] = [
  { what: 'file', scope: 'process', acquire: [{ name: 'open' }, { name: 'io.open' }, { name: 'codecs.open' }, { name: 'os.fdopen' }], release: [{ method: 'close' }] },
  { what: 'socket', scope: 'process', acquire: [{ name: 'socket.socket' }, { name: 'socket.create_connection' }], release: [{ method: 'close' }, { method: 'shutdown' }] },
  { what: 'file descriptor', scope: 'process', acquire: [{ name: 'os.open' }], release: [{ name: 'os.close' }] },
  { what: 'file descriptor', scope: 'process', handle: 0, acquire: [{ name: 'tempfile.mkstemp' }], release: [{ name: 'os.close' }] },
  // NamedTemporaryFile deletes itself on close unless `delete=False` (then it is a file the caller must unlink).
  { what: 'temporary file', scope: 'process', acquire: [{ name: 'tempfile.NamedTemporaryFile' }, { name: 'tempfile.TemporaryFile' }], release: [{ method: 'close' }, { name: 'os.unlink' }] },
];

/** `tempfile.NamedTemporaryFile` is only a leak candidate with `delete=False`. */
export const DELETE_ON_CLOSE: ReadonlySet<string> = new Set(['tempfile.NamedTemporaryFile']);

/** Methods that release the object they are called on (`f.close()`, `lock.release()`, `proc.terminate()`). */
export const RELEASE_METHODS: ReadonlySet<string> = new Set(['close', 'release', 'shutdown', 'cleanup', 'destroy', 'unlink', 'terminate']);

/** Functions and methods that release a resource passed to them (`os.close(fd)`, `QUOTAS.rollback(ctx, reservations)`). */
export const RELEASE_FUNCTIONS = /^(close|release|rollback|commit|unlink|remove|cleanup|destroy|free|cancel)$/;

/**
 * Quota engines (nova's and cinder's `QUOTAS.reserve`) hand out reservations that must be committed or rolled back:
 * a `reserve` method on a receiver whose text names the quota engine.
 */
export const QUOTA_RESERVATION: ResourceCall = { method: 'reserve', receiver: /quota/i };

/**
 * Calls that take ownership of a value passed to them, so the function no longer has to release it: containers
 * (`self._files.append(f)`), `contextlib.closing`/`ExitStack.enter_context`/`callback`, threads and processes.
 */
export const TRANSFER_METHODS = /^(append|add|extend|insert|setdefault|update|put|register|push|closing|enter_context|callback|Thread|Process)$/;

// Releases of resources that live outside the process. A loop of these that stops at the first failure leaves the
// remaining ones behind on the host or in another service.

/** Objects that are a client of the network service (neutronclient, openstacksdk's `conn.network`, nova's wrappers). */
const NETWORK_CLIENT = /(^|\.)_?(neutron|neutronclient|neutron_client|neutron_api|network_api|client|port_client|admin_client|network)$/i;

const NETWORK_RELEASES: ExternalRelease[] = [...NEUTRONCLIENT_CALLS, ...OPENSTACKSDK_NETWORK_CALLS]
  .filter((c) => c.op === 'release')
  .map((c) => ({ what: `neutron ${c.resource === 'floatingip' ? 'floating IP' : c.resource.replace(/_/g, ' ')}`, scope: 'service' as const, call: { method: c.method, receiver: NETWORK_CLIENT } }));

/** Objects that are a client of the block-storage service (nova's and cinder's volume API, cinderclient). */
const VOLUME_CLIENT = /(^|\.)_?(volume_api|cinder|cinderclient|cinder_client)(\.(volumes|volume_snapshots|attachments))?$/i;

/**
 * Receivers whose "release" is an in-memory or transactional edit, not a resource given back: containers, caches,
 * ORM sessions and queries (undone with their transaction), OVSDB transactions and IDLs, in-process plugins.
 */
export const IN_PROCESS_RELEASE_RECEIVER = /(^|\.)_?(\w*(list|set|dict|map|cache|queue|items|names|keys|ids|seen|pending|result|results|session|query|transaction|txn|tree|pools|objects|idl|plugin|_db|db_api))$/i;

export const EXTERNAL_RELEASES: readonly ExternalRelease[] = [
  ...NETWORK_RELEASES,
  // nova's network API (nova/network/neutron.py): ports, bindings and floating IPs of an instance.
  { what: 'instance network allocation', scope: 'service', call: { method: /^_?(deallocate_for_instance|deallocate_port_for_instance|deallocate_ports?|unbind_ports?|delete_port_bindings?|release_floating_ip|disassociate_floating_ip|disassociate_and_release_floating_ip|cleanup_instance_network_on_host)$/ } },
  // Cinder volumes, snapshots and attachments through the volume API. A storage driver's own backend calls
  // (`self.client.delete_snapshot` on an array's REST client) are the driver's business, not a tenant's resource.
  { what: 'volume attachment', scope: 'service', call: { method: /^_?(attachment_delete|terminate_connection|unreserve_volume|roll_detaching|remove_export)$/ } },
  { what: 'volume attachment', scope: 'service', call: { method: /^(detach|detach_volume)$/, receiver: VOLUME_CLIENT } },
  { what: 'volume', scope: 'service', call: { method: /^(delete|delete_volume|delete_snapshot)$/, receiver: VOLUME_CLIENT } },
  // Placement allocations and providers (nova's report client).
  { what: 'placement allocation', scope: 'service', call: { method: /^_?(delete_allocation_for_instance|delete_allocation_for_migrated_instance|remove_provider_tree_from_instance_allocation|delete_resource_provider|remove_resources_from_instance_allocation)$/ } },
  // Image data written to a store (glance_store drivers, glance's store utilities).
  { what: 'stored image data', scope: 'service', call: { method: /^_?(delete_from_backend|safe_delete_from_backend|delete_image_location_from_backend)$/ } },
  { what: 'image', scope: 'service', call: { method: /^delete$/, receiver: /(^|\.)(image_api|glance|glanceclient|images)$/ } },
  // Host-side block-device connections (os-brick connectors and its linuxscsi helpers): a SCSI or multipath device
  // left behind may be matched to another volume later and expose its data.
  { what: 'host volume connection', scope: 'host', call: { method: /^(disconnect_volume|remove_scsi_device|multipath_del_map|remove_connection)$/ } },
];

/**
 * Objects that acquire something outside the process through one method and give it back through another on the
 * same object: glance's domain `Image.set_data()` writes the image data to a store, `Image.delete()` removes it
 * (glance/domain/__init__.py). A release counts when the same local received an acquire in the function.
 */
export const RECEIVER_PAIRS: readonly ResourcePair[] = [
  { what: 'stored image data', scope: 'service', acquire: [{ method: 'set_data' }], release: [{ method: 'delete' }] },
];

/**
 * Releases documented to handle their own failures: glance's store utilities log a store that cannot delete and
 * mark the location instead of raising ("handle all known exceptions", glance/common/store_utils.py).
 */
export const SELF_HANDLING_RELEASES: ReadonlySet<string> = new Set(['safe_delete_from_backend', 'delete_image_location_from_backend']);

/**
 * Keywords by which a caller asks a release not to raise (os-brick's `ignore_errors`, openstacksdk's
 * `ignore_missing` only covers "already gone", so it is not here).
 */
export const IGNORE_ERRORS_KEYWORDS: readonly string[] = ['ignore_errors', 'ignore_failures'];

/**
 * Builtins (called by their plain name) and container and string methods (called on an object) that do not fail in
 * practice, and `typing.cast`, which does nothing at run time: a step made only of these does not leak a resource by
 * raising. Treating them as failures floods every path.
 */
export const IN_MEMORY_BUILTINS: ReadonlySet<string> = new Set(['_', 'len', 'str', 'int', 'bool', 'dict', 'list', 'set', 'tuple', 'isinstance', 'getattr', 'hasattr', 'sorted', 'enumerate', 'zip', 'range', 'min', 'max', 'any', 'all', 'cast']);
export const IN_MEMORY_METHODS: ReadonlySet<string> = new Set(['append', 'add', 'get', 'setdefault', 'update', 'extend', 'pop', 'keys', 'values', 'items', 'format', 'join', 'strip', 'lower', 'upper', 'copy', 'discard', 'remove', 'cast']);
