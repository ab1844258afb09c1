// B202: TarFile.extractall() without an extraction filter: members named "../x", absolute paths, or links pointing
// outside the target are written wherever they say. Severity follows how much member vetting is visible.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { keywordArg, stringValue, unparenthesize } from '../../../languages/python/syntax.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import type { Visitors } from '../../../rulekit/types.js';

const TRUSTING_FILTERS = new Set(['fully_trusted', 'tarfile.fully_trusted_filter']);

/** True when a binding of `receiver` visible where it is read holds something zipfile created (ZipFile has extractall too). */
function boundToZipfile(model: PythonModel, receiver: SyntaxNode): boolean {
  return model.bindingsOf(receiver).some((b) => b.value?.type === 'call' && (model.callName(b.value) ?? '').startsWith('zipfile.'));
}

export default defineRule({
  meta: {
    id: 'tarfile-unsafe-members',
    cwe: 22,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    bandit: 'B202',
    banditName: 'tarfile_unsafe_members',
    messages: {
      unfiltered: {
        text: '`{call}` extracts every member as named: an archive entry like "../../etc/cron.d/x" or a symlink escapes the target directory',
        fix: "Pass filter='data' to `{call}` (Python 3.12+, backported to 3.8.17+), or extract only members whose resolved path stays inside the target directory",
      },
      trusting: {
        text: "`{call}` uses the fully_trusted filter, which extracts members outside the target directory as named",
        fix: "Use filter='data' in `{call}` unless the archive is produced by this service itself",
      },
      members: {
        text: '`{call}` extracts the members in `{members}` without a filter; safe only if that selection rejects absolute paths, "..", and links leaving the target',
        fix: "Also pass filter='data' to `{call}`, or make sure `{members}` drops absolute paths, '..' components and external links",
      },
    },
    docs: {
      summary: 'tarfile extractall() without an extraction filter',
      why: 'Tar members carry their own path and link targets. Without a filter, extractall() writes "../" and absolute paths outside the destination and follows symlinks and hard links out of it, so an uploaded or downloaded archive can overwrite arbitrary files the service can write (CWE-22).',
      example: 'import tarfile\n\ndef unpack(archive, dest):\n    with tarfile.open(archive) as tar:\n        tar.extractall(dest)\n',
      useInstead: 'import tarfile\n\ndef unpack(archive, dest):\n    with tarfile.open(archive) as tar:\n        tar.extractall(dest, filter="data")\n',
      fix: "Pass filter='data' (or tarfile.data_filter). On interpreters without extraction filters, select members whose normalised path stays inside the destination and that are regular files or directories.",
      references: [
        'https://cwe.mitre.org/data/definitions/22.html',
        'https://docs.python.org/3/library/tarfile.html#extraction-filters',
        'https://peps.python.org/pep-0706/',
      ],
      banditDifferences: "filter='tar' and the tarfile.data_filter / tar_filter callables count as safe (Bandit accepts only the string 'data'); filter='fully_trusted' is reported; a custom filter function is accepted as the vetting it is. zipfile.ZipFile objects (which also have extractall) are not reported when the receiver visibly comes from zipfile. Like Bandit, the module must import tarfile.",
    },
  },
  create(ctx): Visitors {
    // Only files that import it get a visitor (it would be offered every call of the file).
    if (!ctx.model.imports.importsModule('tarfile')) return {};
    return {
      call(node) {
        const fn = node.childForFieldName('function');
        if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'extractall') return;
        const receiver = fn.childForFieldName('object');
        if (receiver?.type === 'identifier' && boundToZipfile(ctx.model, receiver)) return;
        if (receiver?.type === 'call' && (ctx.model.callName(receiver) ?? '').startsWith('zipfile.')) return;
        const call = fn.text;
        const filter = keywordArg(node, 'filter');
        if (filter) {
          const f = unparenthesize(filter);
          const name = stringValue(f) ?? ctx.model.qualifiedName(f);
          if (name !== null && TRUSTING_FILTERS.has(name)) ctx.report({ node, messageId: 'trusting', data: { call } });
          // Any other filter, including a project's own function, is the vetting this rule asks for.
          return;
        }
        const members = keywordArg(node, 'members');
        if (!members) {
          ctx.report({ node, messageId: 'unfiltered', data: { call } });
        } else if (unparenthesize(members).type === 'call') {
          ctx.report({ node, messageId: 'members', data: { call, members: members.text }, severity: 'low', confidence: 'low' });
        } else {
          ctx.report({ node, messageId: 'members', data: { call, members: members.text }, severity: 'medium', confidence: 'medium' });
        }
      },
    };
  },
});
