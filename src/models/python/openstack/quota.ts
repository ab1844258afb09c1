// Quota engines of Nova and Neutron as data: reservation acquire/commit/rollback and the limit checks that bound
// how much a caller may create.

/** Methods that take a reservation which must later be committed or rolled back. */
export const QUOTA_RESERVE_METHODS: ReadonlySet<string> = new Set(['reserve', 'make_reservation']);
export const QUOTA_RELEASE_METHODS: ReadonlySet<string> = new Set(['rollback', 'commit', 'cancel_reservation', 'commit_reservation']);

/**
 * Calls that bound a count against a limit (`objects.Quotas.check_deltas`, `QUOTAS.limit_check`, neutron's
 * `quota.QUOTAS.limit_check`), matched on the last dotted segment.
 */
export const LIMIT_CHECK_METHODS = /^(check_deltas|limit_check|limit_check_project_and_user|check_num_instances_quota|_check_\w*(quota|limit)\w*|check_\w*(quota|limit)\w*|enforce_limits?|validate_\w*limit\w*)$/;
