// The Python taint specification: every source, sink, sanitizer and propagator table in one object that the
// taint rules pass to the engine (one object, so the per-file analysis is computed once and shared).
import type { TaintSpec } from '../../../analysis/taint/spec.js';
import { CARRYING_METHODS, MUTATING_METHODS, PROPAGATORS } from './propagators.js';
import { GUARDS, SANITIZERS } from './sanitizers.js';
import { HEADER_STORES, SINKS } from './sinks.js';
import { CALL_SOURCES, CLIENT_ENVIRON_KEYS, NEWLINE_FREE_ENVIRON_KEYS, PARAMETER_SOURCES, REQUEST_ATTRIBUTES, VALUE_SOURCES } from './sources.js';

export const PYTHON_TAINT_SPEC: TaintSpec = {
  valueSources: VALUE_SOURCES,
  callSources: CALL_SOURCES,
  parameterSources: PARAMETER_SOURCES,
  requestAttributes: REQUEST_ATTRIBUTES,
  environKeys: CLIENT_ENVIRON_KEYS,
  environNewlineFree: NEWLINE_FREE_ENVIRON_KEYS,
  sinks: SINKS,
  stores: HEADER_STORES,
  sanitizers: SANITIZERS,
  guards: GUARDS,
  propagators: PROPAGATORS,
  carryingMethods: CARRYING_METHODS,
  mutatingMethods: MUTATING_METHODS,
};
