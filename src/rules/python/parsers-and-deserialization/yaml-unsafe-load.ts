// B506: PyYAML loading with a loader that can build arbitrary Python objects (yaml.load without a safe Loader,
// yaml.unsafe_load, yaml.load_all), so a crafted document runs code while it is parsed.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import { argument } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';

const LOADS = new Set(['yaml.load', 'yaml.load_all']);
const UNSAFE = new Set(['yaml.unsafe_load', 'yaml.unsafe_load_all']);
/** Loaders that construct only plain data: SafeLoader and BaseLoader (everything a string), C or pure Python. */
const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);

export default defineRule({
  meta: {
    id: 'yaml-unsafe-load',
    cwe: 502,
    severity: 'medium',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B506',
    banditName: 'yaml_load',
    messages: {
      load: {
        text: '`{call}` with {loader} can construct arbitrary Python objects: a crafted document (`!!python/object/apply`) runs code while it is parsed',
        fix: 'Use yaml.safe_load(...) (or Loader=yaml.SafeLoader / yaml.CSafeLoader) instead of `{call}`',
      },
    },
    docs: {
      summary: 'yaml.load() without a safe loader',
      why: 'PyYAML\'s full and unsafe loaders honour tags such as !!python/object/apply, which call any importable function with attacker-chosen arguments while the document is read. Loading YAML from a request, a file an attacker can write, or a remote service then means running their code (CWE-502).',
      example: 'import yaml\n\ndef read(stream):\n    return yaml.load(stream, Loader=yaml.Loader)\n',
      useInstead: 'import yaml\n\ndef read(stream):\n    return yaml.safe_load(stream)\n',
      fix: 'Use yaml.safe_load / yaml.safe_load_all, or pass Loader=yaml.SafeLoader (CSafeLoader for speed). Register explicit constructors on a SafeLoader subclass if custom types are needed.',
      references: [
        'https://cwe.mitre.org/data/definitions/502.html',
        'https://pyyaml.org/wiki/PyYAMLDocumentation',
        'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation',
      ],
      banditDifferences: 'CWE-502 (deserialization of untrusted data) instead of Bandit\'s CWE-20; the pillar moves from neutralization to resource lifetime. `from yaml import load`, yaml.load_all and yaml.unsafe_load(_all) are caught (Bandit needs a plain `import yaml` and checks only `load`), and BaseLoader/CBaseLoader count as safe.',
    },
  },
  create(ctx) {
    const loaderName = (node: SyntaxNode | null): string | null => {
      if (!node) return null;
      const q = ctx.model.qualifiedName(node);
      return q === null ? node.text : q.split('.').pop() ?? q;
    };
    /**
     * A safe loader by name, or a class of this file whose bases are all safe loaders (`class Loader(yaml.SafeLoader)`
     * adding constructors, or a base chosen by `if hasattr(yaml, 'CSafeLoader')`): a subclass constructs what its
     * base and its own registered constructors build, and those take plain YAML nodes.
     */
    const safeLoader = (node: SyntaxNode, depth = 0): boolean => {
      const name = loaderName(node);
      if (name !== null && SAFE_LOADERS.has(name)) return true;
      if (depth > 3) return false;
      if (node.type === 'identifier') {
        const cls = ctx.model.root.namedChildren.find((c) => c?.type === 'class_definition' && c.childForFieldName('name')?.text === node.text);
        if (cls && ctx.model.nameAt(node)?.kind === 'alias') {
          const bases = ctx.model.classBases(cls);
          return bases.length > 0 && bases.every((b) => safeLoader(b, depth + 1));
        }
        const values = ctx.model.valuesOf(node);
        return values.length > 0 && values.every((v) => v !== null && safeLoader(v, depth + 1));
      }
      return false;
    };
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (name === null) return;
        if (UNSAFE.has(name)) {
          ctx.report({ node, messageId: 'load', data: { call: name, loader: 'the unsafe loader' } });
          return;
        }
        if (!LOADS.has(name)) return;
        const loaderArg = argument(node, 1, 'Loader');
        const loader = loaderName(loaderArg);
        if (loaderArg && safeLoader(loaderArg)) return;
        ctx.report({ node, messageId: 'load', data: { call: name, loader: loader === null ? 'no Loader (the old default is unsafe)' : `Loader=${loader}` } });
      },
    };
  },
});
