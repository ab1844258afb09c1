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
