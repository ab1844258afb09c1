// CWE-611: lxml resolves entities unless its parser is built with resolve_entities=False. Reported where a client's
// document (request taint) reaches a default or unhardened lxml parser, and where a shared parser (module or class
// level, used for whatever documents the service receives) is built without that option. A parser local to a
// function that parses a hypervisor's or a backend's own XML is left alone.
import type { SyntaxNode } from '../../../languages/syntaxTree.js';
import type { PythonModel } from '../../../languages/python/model.js';
import { descendantsOfType, enclosingFunction, isFalsy, keywordArg, positionalArgs, unparenthesize } from '../../../languages/python/syntax.js';
import { LXML } from '../../../models/python/xmlParsers.js';
import { defineRule } from '../../../rulekit/defineRule.js';
import { remoteXmlDocument } from '../../../rulekit/xmlTrust.js';

const PARSE = new Set<string>(LXML.parseFunctions);
const SELF_CONFIGURED = new Set<string>(LXML.selfConfigured);
const CONSTRUCTORS = new Set<string>(LXML.parserConstructors);

function hardened(call: SyntaxNode): boolean {
  const v = keywordArg(call, LXML.hardeningKeyword);
  return v !== null && isFalsy(v);
}

/** A parser bound where every caller shares it: a module-level or class-level assignment. */
function sharedBinding(call: SyntaxNode): SyntaxNode | null {
  const assign = call.parent;
  if (assign?.type !== 'assignment' || assign.childForFieldName('right') !== call) return null;
  const stmt = assign.parent;
  const scope = stmt?.type === 'expression_statement' ? stmt.parent : null;
  if (scope?.type === 'module' || (scope?.type === 'block' && scope.parent?.type === 'class_definition')) return assign.childForFieldName('left');
  return null;
}

/**
 * What the parser expression passed to a parse call is: a constructor call written there, or a name assigned one in
 * this file (every assignment must harden it). `unknown` when it is built elsewhere.
 */
function parserState(model: PythonModel, parser: SyntaxNode, assignments: SyntaxNode[]): 'hardened' | 'open' | 'unknown' {
  const p = unparenthesize(parser);
  if (p.type === 'call') {
    const name = model.callName(p);
    if (!name || !CONSTRUCTORS.has(name)) return 'unknown';
    return hardened(p) ? 'hardened' : 'open';
  }
  const bound = assignments.filter((a) => a.childForFieldName('left')?.text === p.text)
    .map((a) => unparenthesize(a.childForFieldName('right')!)).filter((r) => r.type === 'call' && CONSTRUCTORS.has(model.callName(r) ?? ''));
  if (bound.length === 0) return 'unknown';
  return bound.every(hardened) ? 'hardened' : 'open';
}

export default defineRule({
  meta: {
    id: 'xml-external-entities',
    cwe: 611,
    severity: 'high',
    confidence: 'high',
    languages: ['python'],
    messages: {
      defaultParser: {
        text: '`{call}` parses `{value}`, which comes from `{source}` (line {sourceLine}), with lxml\'s default parser; entities in the document are resolved (external files, URLs, nested expansion)',
        fix: 'Pass a parser built with `lxml.etree.XMLParser(resolve_entities=False, no_network=True)` to `{call}`, or parse with defusedxml.lxml',
      },
      openParser: {
        text: '`{call}` parses `{value}`, which comes from `{source}` (line {sourceLine}), with a parser built without `resolve_entities=False`',
        fix: 'Build the parser passed to `{call}` with `resolve_entities=False` (and `no_network=True`)',
      },
      sharedParser: {
        text: 'The shared lxml parser `{name}` is built without `resolve_entities=False`; every document parsed with it may declare external entities',
        fix: 'Build `{name}` with `lxml.etree.XMLParser(resolve_entities=False, no_network=True)`',
      },
    },
    docs: {
      summary: 'lxml parser that resolves entities used on documents from clients',
      why: 'lxml\'s default parser, and any `XMLParser()` built without `resolve_entities=False`, substitutes entities a document declares. A client that sends `<!ENTITY x SYSTEM "file:///etc/keystone/keystone.conf">` gets the file back in the parsed result, or makes the server fetch internal URLs; nested entity definitions exhaust memory (CWE-611, CWE-776). Python\'s standard parsers stopped resolving external entities, lxml (before 5.0) did not; from 5.0 it still expands internal ones.\n\nClass: an XML parser that resolves entities applied to a document its sender controls (CWE-611; OWASP XXE Prevention Cheat Sheet; OpenStack Security Guidelines, "Avoid dangerous input parsing libraries"). Seen in OpenStack as an identity service\'s XML request deserialiser on lxml\'s default parser and an object store\'s S3 middleware with a module-wide `XMLParser()`. The default report needs the document to be seen coming from a request in the same file, or the parser to be shared by the module or class; a parser built inside a function for a hypervisor\'s own XML is not reported.',
      example: 'from lxml import etree\n\nparser = etree.XMLParser()\n\n\ndef parse_body(text):\n    return etree.fromstring(text, parser)\n',
      useInstead: 'from lxml import etree\n\nparser = etree.XMLParser(resolve_entities=False, no_network=True)\n\n\ndef parse_body(text):\n    return etree.fromstring(text, parser)\n',
      fix: 'Create one hardened parser, `lxml.etree.XMLParser(resolve_entities=False, no_network=True)`, and pass it to every `fromstring`/`parse` of data that did not originate in the service itself; or use defusedxml.lxml.',
      references: [
        'https://cwe.mitre.org/data/definitions/611.html',
        'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html#lxml',
        'https://security.openstack.org/guidelines/dg_avoid-dangerous-input-parsing-libraries.html',
        'https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint',
      ],
    },
  },
  create(ctx) {
    let moduleAssignments: SyntaxNode[] | undefined;
    return {
      call(node) {
        const name = ctx.model.callName(node);
        if (!name) return;
        if (CONSTRUCTORS.has(name)) {
          if (hardened(node)) return;
          const target = sharedBinding(node);
          if (target) ctx.report({ node, messageId: 'sharedParser', confidence: 'medium', data: { name: target.text } });
          return;
        }
        if (!PARSE.has(name)) return;
        const remote = remoteXmlDocument(ctx.model, node);
        if (!remote) return;
        const data = { call: remote.sinkName, value: remote.value, source: remote.source, sourceLine: remote.sourceLine };
        if (SELF_CONFIGURED.has(name)) {
          if (!hardened(node)) ctx.report({ node, messageId: 'defaultParser', data, evidence: remote.evidence });
          return;
        }
        const parser = keywordArg(node, 'parser') ?? positionalArgs(node)[1] ?? null;
        if (!parser) { ctx.report({ node, messageId: 'defaultParser', data, evidence: remote.evidence }); return; }
        // The parser's bindings: in this function, then at module level (a shared parser).
        const fn = enclosingFunction(node);
        moduleAssignments ??= descendantsOfType(ctx.model.root, 'assignment');
        const assignments = [...(fn ? descendantsOfType(fn, 'assignment') : []), ...moduleAssignments];
        if (parserState(ctx.model, parser, assignments) === 'open') ctx.report({ node, messageId: 'openParser', data, evidence: remote.evidence });
      },
    };
  },
});
