// CWE-338: a value from the `random` module (a Mersenne Twister) reaches a place that needs an unpredictable one: a
// password-hash or KDF salt, a cipher key/IV/nonce, an HMAC key, or a credential parameter of a client API. Found by
// dataflow inside the file (assignments, returns of the file's own functions, their parameters that reach such a
// place), not by what variables are called; jitter, sampling and load spreading never reach one and stay silent.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, calleeName, descendantsOfType, keywordArg, mentionsName, positionalArg, targetNames } from '../../../languages/python/syntax.js';
import { CREDENTIAL_MAKER, CREDENTIAL_PARAMETERS, PREDICTABLE_RANDOM_CLASSES, PREDICTABLE_RANDOM_FUNCTIONS, SECRET_ARGUMENTS } from '../../../models/python/secretInputs.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { abbreviate } from '../../../rulekit/text.js';

const ASSIGNMENTS = new Set(['assignment', 'augmented_assignment']);
/** Code that runs later or elsewhere: a lambda's body is not the value of the expression that holds it. */
const OPAQUE = new Set(['lambda', 'function_definition', 'class_definition']);

/** Where a predictable value came from: the call in this code, and the random call behind it when it is a helper. */
interface Origin { node: SyntaxNode; text: string; via?: string }
interface Sink { node: SyntaxNode; role: string }

/** The file's view: which calls are predictable sources, which functions return one, which parameters reach a sink. */
class FileFacts {
  private readonly generators = new Set<string>();
  private readonly returning = new Map<string, Origin>();
  private readonly sinkParams = new Map<string, Map<number, Sink>>();
  readonly functions: SyntaxNode[];

  constructor(private readonly model: PythonModel) {
    this.functions = model.functions().filter((f) => f.type === 'function_definition');
    // `_RNG = random.Random()` at module level, or `self._rng = random.Random()` in a method: keyed by the text.
    for (const a of [model.root, ...this.functions].flatMap((scope) => descendantsOfType(scope, 'assignment'))) {
      const right = a.childForFieldName('right');
      if (right?.type === 'call' && PREDICTABLE_RANDOM_CLASSES.has(model.callName(right) ?? '')) this.generators.add(a.childForFieldName('left')?.text ?? '');
    }
    // Two rounds: a helper that returns another helper's random string is found on the second.
    for (let round = 0; round < 2; round++) {
      for (const fn of this.functions) {
        const key = this.keyOf(fn);
        if (this.returning.has(key)) continue;
        const flow = this.flow(fn, new Map());
        for (const r of descendantsOfType(fn, 'return_statement')) {
          if (ownedBy(r, fn)) {
            const origin = this.taintOf(r.namedChild(0), flow);
            if (origin) { this.returning.set(key, origin); break; }
          }
        }
      }
    }
    for (const fn of this.functions) {
      // A function with no place a value could arrive at (sinksIn's sites) passes no parameter to one: the flow
      // per parameter, the costly part, is skipped. Asked in the same order, so helpers found so far count.
      if (!this.hasSinkSite(fn)) continue;
      const params = this.model.parameters(fn);
      const sinks = new Map<number, Sink>();
      for (const p of params) {
        const flow = this.flow(fn, new Map([[p.name, { node: p.node, text: p.name }]]));
        // Only sinks fed by the parameter itself: a random value made inside the function is reported there.
        const hit = this.sinksIn(fn, flow).find((s) => s.origin.node.id === p.node.id);
        if (hit) sinks.set(p.index, hit.sink);
      }
      if (sinks.size > 0) this.sinkParams.set(this.keyOf(fn), sinks);
    }
  }

  /** `name` for a module function, `Class.name` for a method: how calls in the same file reach it. */
  keyOf(fn: SyntaxNode): string {
    const name = fn.childForFieldName('name')?.text ?? '';
    const cls = this.model.enclosingClass(fn);
    return cls ? `${cls.childForFieldName('name')?.text ?? ''}.${name}` : name;
  }

  /** The function of this file a call reaches: `helper(...)`, or `self.helper(...)` inside the same class. */
  targetOf(call: SyntaxNode): { key: string; self: boolean } | null {
    const fn = callee(call);
    if (fn?.type === 'identifier') return { key: fn.text, self: false };
    if (fn?.type === 'attribute' && ['self', 'cls'].includes(fn.childForFieldName('object')?.text ?? '')) {
      let cls: SyntaxNode | null = null;
      for (let n = call.parent; n && !cls; n = n.parent) if (n.type === 'class_definition') cls = n;
      return cls ? { key: `${cls.childForFieldName('name')?.text ?? ''}.${calleeName(call) ?? ''}`, self: true } : null;
    }
    return null;
  }

  /** A call whose result is a Mersenne Twister output, directly or through one of this file's functions. */
  sourceCall(call: SyntaxNode): Origin | null {
    const name = this.model.callName(call) ?? '';
    const dot = name.lastIndexOf('.');
    // A local that merely shares the module's name (`random = random_module.SystemRandom()`) is not the module.
    if (name.slice(0, dot) === 'random' && PREDICTABLE_RANDOM_FUNCTIONS.has(name.slice(dot + 1)) && this.model.nameAt(callee(call))?.kind !== 'local') {
      return { node: call, text: abbreviate(call.text, 40) };
    }
    const fn = callee(call);
    if (fn?.type === 'attribute' && this.generators.has(fn.childForFieldName('object')?.text ?? '') && PREDICTABLE_RANDOM_FUNCTIONS.has(calleeName(call) ?? '')) {
      return { node: call, text: abbreviate(call.text, 40) };
    }
    const target = this.targetOf(call);
    const back = target ? this.returning.get(target.key) : undefined;
    return back ? { node: call, text: abbreviate(call.text, 40), via: back.via ?? back.text } : null;
  }

  /** Where `expr` gets a predictable value: a source call inside it, or a tainted local it reads. */
  taintOf(expr: SyntaxNode | null, flow: ReadonlyMap<string, Origin>): Origin | null {
    if (!expr) return null;
    const stack = [expr];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (OPAQUE.has(n.type)) continue;
      if (n.type === 'call') {
        const origin = this.sourceCall(n);
        if (origin) return origin;
      }
      if (n.type === 'identifier' && flow.has(n.text) && mentionsName(n, new Set([n.text]))) return flow.get(n.text)!;
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
    return null;
  }

  /** Locals of `fn` holding a predictable value, seeded with `seed`; assignments in source order, twice for loops. */
  flow(fn: SyntaxNode, seed: Map<string, Origin>): Map<string, Origin> {
    const flow = new Map(seed);
    const assignments = descendantsOfType(fn, ASSIGNMENTS).filter((a) => ownedBy(a, fn));
    for (let round = 0; round < 2; round++) {
      for (const a of assignments) {
        const origin = this.taintOf(a.childForFieldName('right'), flow);
        if (!origin) continue;
        for (const t of targetNames(a.childForFieldName('left'))) if (!flow.has(t)) flow.set(t, origin);
      }
    }
    return flow;
  }

  /** Whether `fn` has one of the places sinksIn looks at, whatever flows there (a necessary condition for a hit). */
  hasSinkSite(fn: SyntaxNode): boolean {
    for (const call of descendantsOfType(fn, 'call')) {
      if (!ownedBy(call, fn)) continue;
      if (SECRET_ARGUMENTS.has(this.model.callName(call) ?? '')) return true;
      for (const kw of call.childForFieldName('arguments')?.namedChildren ?? []) {
        if (kw?.type === 'keyword_argument' && CREDENTIAL_PARAMETERS.has(kw.childForFieldName('name')?.text ?? '')) return true;
      }
      const target = this.targetOf(call);
      if (target && this.sinkParams.has(target.key)) return true;
    }
    return descendantsOfType(fn, 'assignment').some((a) => {
      const left = a.childForFieldName('left');
      return ownedBy(a, fn) && left?.type === 'attribute' && CREDENTIAL_PARAMETERS.has(left.childForFieldName('attribute')?.text ?? '');
    });
  }

  /** Places in `fn` where a predictable value arrives: secret arguments, credential keywords and attributes. */
  sinksIn(fn: SyntaxNode, flow: ReadonlyMap<string, Origin>): Array<{ sink: Sink; origin: Origin; at: SyntaxNode; maker?: string }> {
    const out: Array<{ sink: Sink; origin: Origin; at: SyntaxNode; maker?: string }> = [];
    for (const call of descendantsOfType(fn, 'call')) {
      if (!ownedBy(call, fn)) continue;
      for (const spec of SECRET_ARGUMENTS.get(this.model.callName(call) ?? '') ?? []) {
        const arg = (spec.index >= 0 ? positionalArg(call, spec.index) : null) ?? (spec.keyword ? keywordArg(call, spec.keyword) : null);
        const origin = this.taintOf(arg, flow);
        if (arg && origin) out.push({ sink: { node: arg, role: `the ${spec.role} of \`${calleeName(call) ?? ''}\`` }, origin, at: arg });
      }
      for (const kw of call.childForFieldName('arguments')?.namedChildren ?? []) {
        if (kw?.type !== 'keyword_argument' || !CREDENTIAL_PARAMETERS.has(kw.childForFieldName('name')?.text ?? '')) continue;
        const value = kw.childForFieldName('value');
        const origin = this.taintOf(value, flow);
        if (value && origin) out.push({ sink: { node: value, role: `the \`${kw.childForFieldName('name')!.text}\` parameter of \`${calleeName(call) ?? ''}\`` }, origin, at: value });
      }
      const target = this.targetOf(call);
      const params = target ? this.sinkParams.get(target.key) : undefined;
      if (params) {
        call.childForFieldName('arguments')?.namedChildren.forEach((arg, i) => {
          const sink = params.get(i + (target!.self ? 1 : 0));
          const origin = arg && arg.type !== 'keyword_argument' ? this.taintOf(arg, flow) : null;
          if (sink && arg && origin) out.push({ sink: { node: arg, role: `${sink.role}, inside \`${calleeName(call) ?? ''}\`` }, origin, at: arg });
        });
      }
    }
    for (const a of descendantsOfType(fn, 'assignment')) {
      const left = a.childForFieldName('left');
      if (!ownedBy(a, fn) || left?.type !== 'attribute' || !CREDENTIAL_PARAMETERS.has(left.childForFieldName('attribute')?.text ?? '')) continue;
      const origin = this.taintOf(a.childForFieldName('right'), flow);
      if (origin) out.push({ sink: { node: left, role: `the \`${left.childForFieldName('attribute')!.text}\` attribute of \`${left.childForFieldName('object')?.text ?? ''}\`` }, origin, at: a.childForFieldName('right')! });
    }
    // `def generate_password(): return ''.join(random.choice(chars) ...)`: the function's name says what it returns.
    const name = fn.childForFieldName('name')?.text ?? '';
    if (CREDENTIAL_MAKER.test(name)) {
      for (const r of descendantsOfType(fn, 'return_statement')) {
        const value = r.namedChild(0);
        const origin = ownedBy(r, fn) ? this.taintOf(value, flow) : null;
        if (value && origin) out.push({ sink: { node: value, role: `the value \`${name}\` returns (its name says it makes a credential)` }, origin, at: value, maker: this.keyOf(fn) });
      }
    }
    return out;
  }
}

/** The node belongs to `fn` itself, not to a function or class defined inside it. */
function ownedBy(node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.id === fn.id) return true;
    if (OPAQUE.has(n.type)) return false;
  }
  return false;
}

/** Every name below the random module: a file that calls none has no predictable value to look for. */
const RANDOM_MODULE = ['random.*'];

export default defineRule({
  meta: {
    id: 'predictable-secret-from-random',
    cwe: 338,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    messages: {
      predictable: {
        text: '`{source}`{via} is an output of the random module (a Mersenne Twister) and becomes {role}: an attacker who sees some outputs or guesses the seed can reproduce it',
        fix: 'Draw the value from the secrets module (`secrets.token_bytes()`, `secrets.token_urlsafe()`, `secrets.choice()`) or `os.urandom()` instead of `{random}`',
      },
    },
    docs: {
      summary: 'Value from the random module used as a salt, key, IV, nonce or credential',
      why: 'The random module is a Mersenne Twister: 624 observed 32-bit outputs reveal its state, and a time-based seed can be guessed, so every value it produced before and after can be recomputed. A salt, key, IV, nonce, password or token taken from it can be reproduced by an attacker, which breaks the hash, cipher or account it protects (CWE-338). A function whose name says it makes a credential (`generate_password`, `_random_AES_passphrase`, `_generate_salt`) is such a use for what it returns, as a parameter named `password` declares what it receives (nova generated instance passwords with `random.choice` until 2013; cinder\'s Synology driver still builds an AES passphrase with `randint`); it is reported there only when this file is not seen using the value elsewhere. A local that merely shares the module\'s name (`random = random_module.SystemRandom()`) is not the module. Only values that reach such a use are reported: random jitter, shuffling and sampling are not secrets (the Bandit-style notice insecure-random, in `--profile bandit`, lists every use).',
      example: 'import random\nimport string\nfrom oslo_utils import secretutils\n\n\ndef make_salt():\n    return "".join(random.choice(string.ascii_letters) for _ in range(16))\n\n\ndef hash_password(password):\n    return secretutils.crypt_password(password, "$6$" + make_salt())\n',
      useInstead: 'import secrets\nimport string\nfrom oslo_utils import secretutils\n\n\ndef make_salt():\n    return "".join(secrets.choice(string.ascii_letters) for _ in range(16))\n\n\ndef hash_password(password):\n    return secretutils.crypt_password(password, "$6$" + make_salt())\n',
      fix: 'Use secrets (or os.urandom / random.SystemRandom) for anything an attacker must not guess; keep random for jitter and load spreading.',
      references: [
        'https://cwe.mitre.org/data/definitions/338.html',
        'https://docs.python.org/3/library/random.html',
        'https://docs.python.org/3/library/secrets.html',
        'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/09-Testing_for_Weak_Cryptography/04-Testing_for_Weak_Encryption',
      ],
    },
  },
  create(ctx) {
    return {
      module(root) {
        // Most files never call random: look for a source before building the file's facts. descendantsOfType
        // stops at nested scopes, so the module and every function are asked in turn.
        // The file-wide set of called names (memoised by the model, shared with the blacklist rules) answers first.
        if (!ctx.model.mayCall(RANDOM_MODULE)) return;
        const random = (c: SyntaxNode): boolean => /^random\./.test(ctx.model.callName(c) ?? '');
        if (![root, ...ctx.model.functions()].some((scope) => descendantsOfType(scope, 'call').some(random))) return;
        const facts = new FileFacts(ctx.model);
        const seen = new Set<number>();
        const hits = facts.functions.flatMap((fn) => facts.sinksIn(fn, facts.flow(fn, new Map())));
        // A credential maker whose value this file is seen using is reported where it is used, not twice.
        const used = new Set(hits.filter((h) => h.origin.via !== undefined).map((h) => facts.targetOf(h.origin.node)?.key));
        for (const { sink, origin, at, maker } of hits) {
          if (maker !== undefined && used.has(maker)) continue;
          // One finding per predictable value: the same salt fed to a fallback hash call is the same defect.
          if (seen.has(origin.node.id)) continue;
          seen.add(origin.node.id);
          ctx.report({
            node: at, messageId: 'predictable', data: { source: origin.text, via: origin.via ? ` (from \`${origin.via}\`)` : '', random: origin.via ?? origin.text, role: sink.role },
            evidence: [
              { node: origin.node, message: `predictable value from \`${origin.via ?? origin.text}\`` },
              { node: sink.node, message: `used as ${sink.role}` },
            ],
          });
        }
      },
    };
  },
});
