// Python front-end of the resource typestate (src/analysis/resources): what acquires, releases and transfers in
// Python code, and the queries the leak and cleanup rules ask. See docs/resources.md.
export { localAcquisition, releasesAcquisition, matchesCall, type Acquisition } from './match.js';
export { leakOnException, transferred, type LocalLeak } from './localLeak.js';
export { serviceLeaks, creationOf, rollbackClauses, type Creation, type ServiceLeak } from './serviceLeak.js';
export { releaseFailureLeavesLoop, tryGoesOnForSomeFailures } from './cleanupLoop.js';
export { callMayRaise, externalRelease, localCallee } from './externalRelease.js';
export { typedRollbackGaps, isRollbackRelease, type TypedRollbackGap } from './typedRollback.js';
