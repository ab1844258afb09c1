// Which string templates put a value in the password slot of a URL's userinfo (rulekit/credentialUrl.ts): the
// forms the code builds URLs with, and the look-alikes that are not URLs with a password.
import { describe, expect, it } from 'vitest';
import { passwordSlot } from '../../src/rulekit/credentialUrl.js';
import { allNodes, modelOf } from '../model/helpers.js';

/** The password slot's text for the right-hand side of each `x = …` line (null: no password slot). */
async function slotsOf(source: string): Promise<Array<string | null>> {
  const model = await modelOf(source);
  return allNodes(model.root).filter((n) => n.type === 'assignment').map((a) => {
    const slot = passwordSlot(a.childForFieldName('right')!);
    return slot ? slot.text : null;
  });
}

describe('passwordSlot', () => {
  it('finds the password in every way a URL is built', async () => {
    expect(await slotsOf(`
a = '%s://%s:%s@%s/%s' % (scheme, user, key, host, path)
b = '%s:%s@' % (quote(self.user), quote(self.key))
c = f"amqp://{user}:{self.pw}@{host}:{port}/"
d = "redis://:{}@{}".format(secret_of(x), host)
e = "mysql://{u}:{p}@{h}/db".format(u=user, p=pw, h=host)
f = 'http://' + user + ':' + token + '@' + host
g = _("%(u)s:%(k)s@") % {'u': user, 'k': key}
h = 'swift://%(user)s:%(key)s@%(host)s' % locals()
`)).toEqual(['key', 'quote(self.key)', 'self.pw', 'secret_of(x)', 'pw', 'token', 'key', 'a value of `locals()`']);
  });

  it('leaves URLs without a password, literal placeholders and other uses of `@` alone', async () => {
    expect(await slotsOf(`
a = '%s://%s@%s/' % (scheme, user, host)
b = '%s://%s:%s@%s' % (scheme, user, '***', host)
c = '%s@%s' % (volume, snapshot)
d = '%s:%s@%s' % (name, tag, digest)
e = 'failed: %s@%s' % (volume, snapshot)
f = '%s://%s:%s/%s' % (scheme, host, port, path)
g = '%s:%s' % (user, key)
h = "{}@{}".format(user, host)
i = 'http://%s:%s@%s' % (user, None, host)
`)).toEqual([null, null, null, null, null, null, null, null, null]);
  });
});
