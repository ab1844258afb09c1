// CWE-1336: template source text that callers supply (a parameter of the rendering function, or a request value)
// compiled by a non-sandboxed Jinja2 environment or by Mako, so a template author runs Python in the service.
// Templates written in the code or read from the service's own template directory (FileSystemLoader) are not judged.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { callee, descendantsOfType, enclosingFunction, keywordArg, mentionsName, positionalArgs, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import {
  FROM_STRING_METHOD, SANDBOXED_ENVIRONMENTS, TEMPLATE_TEXT_CALLS, TEMPLATE_TEXT_LOADERS, UNSANDBOXED_ENVIRONMENTS,
} from '../../../models/python/templateEngines.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { abbreviate } from '../../../rulekit/text.js';

const TEXT_CALLS = new Map(TEMPLATE_TEXT_CALLS.map((c) => [c.name, c]));
const LOADERS = new Set(TEMPLATE_TEXT_LOADERS);
const UNSANDBOXED = new Set(UNSANDBOXED_ENVIRONMENTS);
const SANDBOXED = new Set(SANDBOXED_ENVIRONMENTS);

/** Parameters (self/cls excluded) of the function around `node` that `expr` is computed from. */
function fromParameter(model: PythonModel, expr: SyntaxNode | null, fn: SyntaxNode | null): string | null {
  if (!expr || !fn) return null;
  const e = unparenthesize(expr);
  if (stringValue(e) !== null) return null;
  const params = model.parameters(fn).map((p) => p.name).filter((n) => n !== 'self' && n !== 'cls');
  return params.find((p) => mentionsName(e, new Set([p]))) ?? null;
}

/** The environment class a receiver is made by, or bound to where it is read (model.valuesOf). */
function environmentOf(model: PythonModel, receiver: SyntaxNode): 'sandboxed' | 'unsandboxed' | 'unknown' {
  const r = unparenthesize(receiver);
  for (const v of r.type === 'call' ? [r] : model.valuesOf(r)) {
    const n = v?.type === 'call' ? model.callName(v) : null;
    if (n && SANDBOXED.has(n)) return 'sandboxed';
    if (n && UNSANDBOXED.has(n)) return 'unsandboxed';
  }
  return 'unknown';
}

export default defineRule({
  meta: {
    id: 'template-injection',
    cwe: 1336,
    severity: 'high',
    confidence: 'medium',
    languages: ['python'],
    messages: {
      environment: {
        text: '`{env}` compiles template text from the parameter `{param}` (`{sink}`, line {line}) without a sandbox; whoever supplies that text runs Python in this process',
        fix: 'Build the environment as `jinja2.sandbox.SandboxedEnvironment(...)` (same arguments) so templates from callers cannot reach Python internals',
      },
      text: {
        text: '`{sink}` compiles template text from the parameter `{param}` with {engine}, which has no sandbox; whoever supplies that text runs Python in this process',
        fix: 'Render caller-supplied templates with `jinja2.sandbox.SandboxedEnvironment().from_string(...)`, or accept only values and keep the template in the code',
      },
    },
    docs: {
      summary: 'Template source supplied by callers compiled without a sandbox',
      why: 'Jinja2 and Mako compile a template to Python. In a plain `jinja2.Environment` a template can walk from any object to its class, its module and `os` (`{{ ().__class__.__base__.__subclasses__() }}`); Mako templates contain Python blocks outright. A function that accepts the template *text* from its caller (a deploy template, a kickstart file, a notification format stored in a node\'s or a user\'s data) hands that caller code execution in the service (CWE-1336, CWE-94).\n\nClass: user-controlled data used as a template instead of as template data — server-side template injection (CWE-1336; OWASP Web Security Testing Guide, "Testing for Server-side Template Injection"; Jinja2\'s sandbox documentation). Reported where template text comes from a parameter of the rendering function (a generic render helper that other modules feed) and reaches `Template(text)`, `env.from_string(text)` or a `DictLoader` of a non-sandboxed environment; templates written in the code and templates loaded by name from the service\'s template directory are not reported.',
      example: 'import jinja2\n\n\ndef render(template_text, values):\n    env = jinja2.Environment(loader=jinja2.DictLoader({"t": template_text}), autoescape=True)\n    return env.get_template("t").render(values)\n',
      useInstead: 'import jinja2\nfrom jinja2 import sandbox\n\n\ndef render(template_text, values):\n    env = sandbox.SandboxedEnvironment(loader=jinja2.DictLoader({"t": template_text}), autoescape=True)\n    return env.get_template("t").render(values)\n',
      fix: 'Compile templates that any caller or user can supply only in `jinja2.sandbox.SandboxedEnvironment` (or `ImmutableSandboxedEnvironment`); never with Mako. Where users only need to fill values, keep the template in the code and pass their data as render arguments.',
      references: [
        'https://cwe.mitre.org/data/definitions/1336.html',
        'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/18-Testing_for_Server-side_Template_Injection',
        'https://jinja.palletsprojects.com/en/stable/sandbox/',
      ],
    },
  },
  create(ctx) {
    return {
      call(node) {
        const name = ctx.model.callName(node);
        const fn = enclosingFunction(node);
        if (name && TEXT_CALLS.has(name)) {
          const spec = TEXT_CALLS.get(name)!;
          const param = fromParameter(ctx.model, keywordArg(node, spec.keyword) ?? positionalArgs(node)[spec.index] ?? null, fn);
          if (param) ctx.report({ node, messageId: 'text', data: { sink: name, param, engine: spec.engine === 'mako' ? 'Mako' : 'a plain Jinja2 environment' } });
          return;
        }
        if (name && LOADERS.has(name)) {
          const mapping = unparenthesize(keywordArg(node, 'mapping') ?? positionalArgs(node)[0] ?? node);
          if (mapping.type !== 'dictionary') return;
          const values = mapping.namedChildren.filter((c): c is SyntaxNode => c?.type === 'pair').map((p) => p.childForFieldName('value'));
          const param = values.map((v) => fromParameter(ctx.model, v, fn)).find((p) => p !== null);
          if (!param) return;
          // The environment this loader feeds: reported there, where the fix goes. Only when the function builds one.
          const envs = (fn ? descendantsOfType(fn, 'call') : []).filter((c) => {
            const n = ctx.model.callName(c);
            return n !== null && (UNSANDBOXED.has(n) || SANDBOXED.has(n));
          });
          const open = envs.filter((c) => UNSANDBOXED.has(ctx.model.callName(c)!));
          for (const env of open) {
            ctx.report({ node: callee(env) ?? env, messageId: 'environment', data: { env: abbreviate(callee(env)?.text ?? 'Environment', 40), param, sink: name, line: node.startPosition.row + 1 } });
          }
          return;
        }
        const f = callee(node);
        if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== FROM_STRING_METHOD) return;
        const param = fromParameter(ctx.model, keywordArg(node, 'source') ?? positionalArgs(node)[0] ?? null, fn);
        if (!param) return;
        const env = f.childForFieldName('object')!;
        if (environmentOf(ctx.model, env) !== 'unsandboxed') return;
        ctx.report({ node, messageId: 'text', data: { sink: `${abbreviate(env.text, 30)}.from_string`, param, engine: 'a plain Jinja2 environment' } });
      },
    };
  },
});
