// The Python logging API as data: the one answer to "is this a logging call" (model.loggingCall, read by
// src/languages/python/logging.ts). A logger is known by where it comes from (a getLogger factory, an adapter, the
// logging module itself); the naming convention stands in only where the file cannot show where a receiver comes
// from (a parameter, a name imported from another module, `self.log` set by a base class).

/** How a logging method takes its message: `LOG.info(msg, *args)`, or `LOG.log(level, msg, *args)`. */
export interface LogLevel {
  /** Position of the format string; the interpolated arguments follow it. */
  messageIndex: number;
  /** Developer levels, off in production by default (oslo.log `debug = False`): nobody reads them as an audit trail. */
  debug: boolean;
}

/**
 * Methods of a logger (stdlib `logging.Logger`, oslo.log's `KeywordArgumentAdapter`, which adds `audit` and `trace`)
 * that write a record, and the module-level functions of the same names in `logging`.
 */
export const LOG_LEVELS: ReadonlyMap<string, LogLevel> = new Map<string, LogLevel>([
  ['info', { messageIndex: 0, debug: false }],
  ['warning', { messageIndex: 0, debug: false }],
  ['warn', { messageIndex: 0, debug: false }],
  ['error', { messageIndex: 0, debug: false }],
  ['exception', { messageIndex: 0, debug: false }],
  ['critical', { messageIndex: 0, debug: false }],
  ['fatal', { messageIndex: 0, debug: false }],
  ['audit', { messageIndex: 0, debug: false }],
  ['debug', { messageIndex: 0, debug: true }],
  ['trace', { messageIndex: 0, debug: true }],
  ['log', { messageIndex: 1, debug: false }],
]);

/**
 * Calls that return a logger, as qualified names: the stdlib and oslo.log factories and adapters. A pattern ending
 * in `*` matches any module's copy of the name: projects carried oslo-incubator's `openstack.common.log` under their
 * own package (`nova.openstack.common.log.getLogger`).
 */
export const LOGGER_FACTORIES: readonly string[] = [
  'logging.getLogger', 'logging.LoggerAdapter', 'logging.Logger',
  'oslo_log.log.getLogger', 'oslo_log.log.KeywordArgumentAdapter', 'oslo.log.log.getLogger',
  '*.getLogger', '*.LoggerAdapter',
];

/** Modules whose own functions log (`logging.warning(...)`): the root logger. */
export const LOGGING_MODULES: readonly string[] = ['logging'];

/**
 * The naming convention of stdlib and OpenStack code for a logger whose origin the file does not show (a
 * parameter, an import from a project module, `self.log` set by a base class): the last name of the receiver.
 */
export const CONVENTIONAL_LOGGER = /^_?(?:log|logger)$|^logging$/i;
