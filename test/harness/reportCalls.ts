// Reads a rule module's source (TypeScript compiler API, no evaluation) for the descriptors it hands to
// `ctx.report({...})`: a `messageId` that is a string literal (or a conditional between literals) and a `data`
// object literal. Descriptors built any other way (variables, spreads, the blacklist kit's partial verdicts, which
// the kit completes) are counted as unreadable, never guessed.
import ts from 'typescript';

export interface StaticReport { line: number; messageIds: string[]; dataKeys: string[] }

export function staticReports(fileName: string, text: string): { reports: StaticReport[]; unreadable: number[] } {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const reports: StaticReport[] = [];
  const unreadable: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isReport(node.expression)) {
      const descriptor = node.arguments[0];
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const messageId = descriptor && ts.isObjectLiteralExpression(descriptor) ? property(descriptor, 'messageId') : null;
      const ids = messageId?.initializer ? literals(messageId.initializer) : null;
      const keys = ids && descriptor && ts.isObjectLiteralExpression(descriptor) ? dataKeys(descriptor) : null;
      if (ids === null || keys === null) unreadable.push(line);
      else reports.push({ line, messageIds: ids, dataKeys: keys });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { reports, unreadable };
}

/** `ctx.report(...)` or a local `report(...)`. */
function isReport(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return callee.text === 'report';
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'report';
}

function property(object: ts.ObjectLiteralExpression, name: string): { initializer: ts.Expression | null } | null {
  for (const p of object.properties) {
    if (p.name && ts.isIdentifier(p.name) && p.name.text === name) {
      return { initializer: ts.isPropertyAssignment(p) ? p.initializer : null };
    }
  }
  return null;
}

/** The message ids an expression can take, when every one is a literal. */
function literals(e: ts.Expression): string[] | null {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e)) return literals(e.expression);
  if (ts.isConditionalExpression(e)) {
    const [a, b] = [literals(e.whenTrue), literals(e.whenFalse)];
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

/** The keys of `data: { … }` ([] when there is no data), or null when it is not a literal without spreads. */
function dataKeys(descriptor: ts.ObjectLiteralExpression): string[] | null {
  const data = property(descriptor, 'data');
  if (!data) return [];
  if (!data.initializer || !ts.isObjectLiteralExpression(data.initializer)) return null;
  const keys: string[] = [];
  for (const p of data.initializer.properties) {
    if (ts.isSpreadAssignment(p) || !p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return null;
    keys.push(p.name.text);
  }
  return keys;
}
