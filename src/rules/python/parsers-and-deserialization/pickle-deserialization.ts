// B301: unpickling (pickle, cPickle, dill, shelve, jsonpickle, pandas.read_pickle). A round trip of an object this
// code just pickled itself (`pickle.loads(pickle.dumps(x))`, the deep-copy idiom) carries no foreign bytes and is not reported.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { argument, unparenthesize } from '../../../languages/python/syntax.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

const PICKLERS = ['pickle.dumps', 'cPickle.dumps', '_pickle.dumps', 'six.moves.cPickle.dumps', 'dill.dumps'];

export default blacklistCallRule(blacklistEntry('B301'), {
  refine({ call, name }, ctx) {
    if (!name.endsWith('.loads')) return {};
    const data = argument(call, 0, 'data');
    const inner = data ? unparenthesize(data) : null;
    if (inner?.type === 'call' && ctx.model.callMatching(inner, PICKLERS)) return null;
    return {};
  },
  docs: {
    summary: 'Data deserialised with pickle or a library built on it',
    why: 'Unpickling calls whatever constructors the byte stream names: a pickle crafted by an attacker runs arbitrary code in this process as soon as it is loaded, before any validation of the result can happen (CWE-502). shelve, dill, jsonpickle and pandas.read_pickle inherit the same behaviour.',
    example: 'import pickle\n\ndef restore(blob):\n    return pickle.loads(blob)\n',
    useInstead: 'import json\n\ndef restore(blob):\n    return json.loads(blob)\n',
    fix: 'Serialise data with json (or msgpack, protobuf) instead. Where pickle cannot be replaced, load only bytes this service produced and authenticated, e.g. with an HMAC checked before loading.',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://docs.python.org/3/library/pickle.html#restricting-globals',
    ],
    banditDifferences: 'Bandit also reports `pickle.loads(pickle.dumps(obj))`, a deep copy that never sees foreign bytes; pillar does not. pillar additionally knows the Python 2 `cPickle`, `six.moves.cPickle` and `_pickle` spellings, and resolves names brought in by `from pickle import *`, both of which Bandit misses.',
  },
});
