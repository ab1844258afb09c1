// B612: logging.config.listen() without a verify callable. The listener accepts a logging configuration from
// the network and applies it; configurations can name arbitrary classes and callables to instantiate.
import { keywordArg, isFalsy, positionalArg } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

const LISTEN = ['logging.config.listen'];

export default defineRule({
  meta: {
    id: 'logging-config-listen',
    cwe: 94,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B612',
    banditName: 'logging_config_insecure_listen',
    messages: {
      unverified: {
        text: '`{call}` accepts logging configurations from a socket without a verify callable; a peer can make the process import and call code of its choosing',
        fix: 'Pass verify= to `{call}` with a function that checks a signature (or decrypts) and returns None for anything not from a trusted sender, and bind the listener to localhost only',
      },
    },
    docs: {
      summary: 'logging.config.listen without verify',
      why: 'The listener unpickles nothing, but it feeds received text to fileConfig/dictConfig, whose `()` keys and handler class names import and call arbitrary objects. Anyone who can reach the port can run code in the process (CWE-94).',
      example: 'import logging.config\n\nthread = logging.config.listen(9030)\n',
      useInstead: 'import logging.config\n\nthread = logging.config.listen(9030, verify=check_signature)\n',
      fix: 'Give listen() a verify callable that authenticates the configuration (HMAC or signature) and rejects anything else; keep the port local.',
      references: ['https://cwe.mitre.org/data/definitions/94.html', 'https://docs.python.org/3/library/logging.config.html#logging.config.listen'],
      banditDifferences: 'Bandit accepts any verify keyword; pillar also reports verify=None (or another false literal), which disables verification just like leaving it out. A positional verify (the second argument) counts as given.',
    },
  },
  create(ctx): Visitors {
    // A file that can call none of them gets no visitor (it would be offered every call of the file).
    if (!ctx.model.mayCall(LISTEN)) return {};
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (name !== 'logging.config.listen') return;
        const verify = keywordArg(node, 'verify') ?? positionalArg(node, 1);
        if (verify && !isFalsy(verify)) return;
        ctx.report({ node, messageId: 'unverified', data: { call: name } });
      },
    };
  },
});
