// B311: the `random` module's Mersenne Twister functions. Like Bandit it reports every use, jitter and sampling
// included: whether a value must be unguessable is a question about its use that this rule cannot answer.
import { blacklistEntry } from '../../../models/python/blacklists.js';
import { blacklistCallRule } from '../../../rulekit/blacklist.js';

export default blacklistCallRule(blacklistEntry('B311'), {
  profile: 'bandit',
  docs: {
    summary: 'Pseudo-random value from the random module',
    why: 'The random module is a Mersenne Twister: after observing 624 outputs an attacker can predict every later one, and seeds derived from time are guessable. A token, password, session id, key or nonce drawn from it can be reproduced by an attacker (CWE-338).',
    example: 'import random\nimport string\n\ndef new_password():\n    return "".join(random.choice(string.ascii_letters) for _ in range(16))\n',
    useInstead: 'import secrets\nimport string\n\ndef new_password():\n    return "".join(secrets.choice(string.ascii_letters) for _ in range(16))\n',
    fix: 'Use the secrets module (secrets.token_urlsafe(), secrets.token_bytes(), secrets.choice()) or random.SystemRandom() for values an attacker must not guess. Where randomness only spreads load (retry jitter, shuffling test data), keep random and suppress with `# nosec B311` and a reason.',
    references: [
      'https://cwe.mitre.org/data/definitions/338.html',
      'https://docs.python.org/3/library/random.html',
      'https://docs.python.org/3/library/secrets.html',
    ],
    banditDifferences: 'Same matches as Bandit, including non-security uses such as retry jitter (`time.sleep(random.uniform(0, 2))`), which both tools still report at low severity: the rule sees the call, not what the number is for. pillar files the finding under CWE-338 (weak PRNG) rather than CWE-330.',
  },
});
