// OpenStack library models (neutronclient/openstacksdk, nova and oslo wrappers, policy, quotas, privileged
// execution, logging, webob requests): tables only, read by the OpenStack rules.
export * from './context.js';
export * from './logging.js';
export * from './network.js';
export * from './policy.js';
export * from './privileged.js';
export * from './quota.js';
export * from './requests.js';
export * from './remote.js';
export * from './resources.js';
export * from './validation.js';
