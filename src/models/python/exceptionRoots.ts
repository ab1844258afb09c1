// Root exception classes: the class every failure of a library or an OpenStack service's own code derives from. A
// handler that names one catches every failure that code reports, so it is not a handler "for some types only".
// Matched by the last segment of the name as written (`neutron_client_exc.NeutronClientException`).
export const ROOT_EXCEPTIONS: ReadonlySet<string> = new Set([
  // OpenStack services' base classes (nova/exception.py, cinder/exception.py, neutron_lib/exceptions, …).
  'NovaException', 'CinderException', 'GlanceException', 'NeutronException', 'IronicException', 'KeystoneException', 'HeatException',
  // Client libraries: neutronclient, cinderclient/novaclient/keystoneauth1, glanceclient, openstacksdk.
  'NeutronClientException', 'ClientException', 'HTTPException', 'SDKException',
  // oslo libraries and others a service calls.
  'ProcessExecutionError', 'DBError', 'MessagingException', 'libvirtError', 'RequestException', 'OSError', 'IOError', 'EnvironmentError',
]);

/**
 * Library calls whose documented raise set is small and named: a handler listing every type of `raises` (by
 * qualified name through the imports) catches every failure the call reports, so it is no typed-only rollback.
 * Matched by the method name called and the qualified types the handler lists.
 */
export interface DocumentedRaises {
  method: string;
  raises: readonly string[];
}

export const DOCUMENTED_RAISES: readonly DocumentedRaises[] = [
  // cryptography: `public_key.verify(...)`, `verifier.verify()` (AsymmetricVerificationContext, and cursive's
  // verifiers built on it), `HMAC.verify(...)` report a mismatch only by raising InvalidSignature
  // (https://cryptography.io/en/latest/exceptions/#cryptography.exceptions.InvalidSignature).
  { method: 'verify', raises: ['cryptography.exceptions.InvalidSignature'] },
];

/**
 * oslo.i18n's translation markers (`TranslatorFactory.primary` and the log-level ones, bound by each project's
 * `i18n.py` as `_`, `_LI`, `_LW`, `_LE`, `_LC`): they look a message up in a catalogue and fail for no reason a
 * rollback is for, so a try body's `msg = _LI('...')` is no step whose failure escapes the handler.
 * https://docs.openstack.org/oslo.i18n/latest/user/usage.html
 */
export const TRANSLATION_MARKERS: ReadonlySet<string> = new Set(['_', '_LI', '_LW', '_LE', '_LC']);
