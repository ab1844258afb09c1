// Macros that tree-sitter-cpp cannot read because it never expands them (Qt's and a few common ones), as data: how
// the preprocessing step (languages/cpp/preprocess.ts) rewrites each so that the rest parses. Every rewrite keeps
// the text's length, lines and columns; nothing here is expanded the way a compiler would.

/** How a macro's text is rewritten (always to the same length). */
export type MacroAction =
  /** The name alone is blanked (`Q_OBJECT`, `Q_INVOKABLE`, `emit`). */
  | 'blank'
  /** The name and its parenthesised arguments are blanked, with a `;` after it if there is one (`Q_PROPERTY(...)`). */
  | 'blank-call'
  /** `signals` → `public ` (the access specifier moc turns it into), in `signals:` only. */
  | 'access'
  /** `foreach (decl, list)` → `for     (decl: list)`: a range-for of the same length. */
  | 'foreach';

/** Exact names. */
export const MACROS: ReadonlyMap<string, MacroAction> = new Map<string, MacroAction>([
  ['Q_OBJECT', 'blank'], ['Q_GADGET', 'blank'], ['Q_NAMESPACE', 'blank'], ['Q_NAMESPACE_EXPORT', 'blank-call'],
  ['QT_BEGIN_NAMESPACE', 'blank'], ['QT_END_NAMESPACE', 'blank'],
  ['QT_BEGIN_INCLUDE_NAMESPACE', 'blank'], ['QT_END_INCLUDE_NAMESPACE', 'blank'],
  ['QT_BEGIN_MOC_NAMESPACE', 'blank'], ['QT_END_MOC_NAMESPACE', 'blank'],
  ['Q_INVOKABLE', 'blank'], ['Q_SCRIPTABLE', 'blank'], ['Q_SIGNAL', 'blank'], ['Q_SLOT', 'blank'],
  ['Q_SIGNALS', 'access'], ['signals', 'access'], ['Q_SLOTS', 'blank'], ['slots', 'blank'],
  ['emit', 'blank'], ['Q_EMIT', 'blank'],
  ['Q_REQUIRED_RESULT', 'blank'], ['Q_NORETURN', 'blank'], ['Q_ALWAYS_INLINE', 'blank'], ['Q_NEVER_INLINE', 'blank'],
  ['Q_IMPLICIT', 'blank'], ['Q_CONSTINIT', 'blank'], ['Q_NODISCARD_CTOR', 'blank'], ['Q_OUTOFLINE_TEMPLATE', 'blank'],
  ['Q_INLINE_TEMPLATE', 'blank'], ['Q_QDOC', 'blank'], ['QT_DEPRECATED', 'blank'], ['Q_NULLPTR', 'blank'],
  ['QT_WARNING_PUSH', 'blank'], ['QT_WARNING_POP', 'blank'], ['Q_MOC_INCLUDE', 'blank-call'],
  ['Q_PROPERTY', 'blank-call'], ['Q_ENUM', 'blank-call'], ['Q_ENUMS', 'blank-call'], ['Q_FLAG', 'blank-call'],
  ['Q_FLAGS', 'blank-call'], ['Q_ENUM_NS', 'blank-call'], ['Q_FLAG_NS', 'blank-call'],
  ['Q_CLASSINFO', 'blank-call'], ['Q_INTERFACES', 'blank-call'], ['Q_PLUGIN_METADATA', 'blank-call'],
  ['Q_DECLARE_PRIVATE', 'blank-call'], ['Q_DECLARE_PUBLIC', 'blank-call'], ['Q_DECLARE_PRIVATE_D', 'blank-call'],
  ['Q_DISABLE_COPY', 'blank-call'], ['Q_DISABLE_COPY_MOVE', 'blank-call'], ['Q_DISABLE_MOVE', 'blank-call'],
  ['Q_DECLARE_METATYPE', 'blank-call'], ['Q_DECLARE_TYPEINFO', 'blank-call'], ['Q_DECLARE_FLAGS', 'blank-call'],
  ['Q_DECLARE_OPERATORS_FOR_FLAGS', 'blank-call'], ['Q_DECLARE_INTERFACE', 'blank-call'],
  ['Q_DECLARE_LOGGING_CATEGORY', 'blank-call'], ['Q_LOGGING_CATEGORY', 'blank-call'],
  ['Q_DECLARE_SHARED', 'blank-call'], ['Q_DECLARE_EQUALITY_COMPARABLE', 'blank-call'],
  ['Q_DECLARE_MIXED_ENUM_OPERATORS', 'blank-call'], ['Q_DECLARE_INCOMPATIBLE_FLAGS', 'blank-call'],
  ['Q_PRIVATE_SLOT', 'blank-call'], ['Q_PRIVATE_PROPERTY', 'blank-call'], ['Q_REVISION', 'blank-call'],
  ['Q_GLOBAL_STATIC', 'blank-call'], ['Q_GLOBAL_STATIC_WITH_ARGS', 'blank-call'], ['Q_IMPORT_PLUGIN', 'blank-call'],
  ['QML_ELEMENT', 'blank'], ['QML_ANONYMOUS', 'blank'], ['QML_SINGLETON', 'blank'], ['QML_UNCREATABLE', 'blank-call'],
  ['QML_NAMED_ELEMENT', 'blank-call'], ['QML_ADDED_IN_VERSION', 'blank-call'], ['QML_FOREIGN', 'blank-call'],
  ['QML_ATTACHED', 'blank-call'], ['QML_EXTENDED', 'blank-call'], ['QML_VALUE_TYPE', 'blank-call'],
  ['Q_D', 'blank-call'], ['Q_Q', 'blank-call'], ['Q_FOREACH', 'foreach'], ['foreach', 'foreach'],
  ['QT_CONFIG', 'blank-call'], ['QT_REQUIRE_CONFIG', 'blank-call'],
]);

/** Name patterns: export macros (`Q_SVG_EXPORT`, `Q_MULTIMEDIA_PRIVATE_EXPORT`) and attribute families. */
export const MACRO_PATTERNS: ReadonlyArray<{ pattern: RegExp; action: MacroAction }> = [
  { pattern: /^Q_[A-Z0-9_]*_EXPORT$/, action: 'blank' },
  { pattern: /^Q[A-Z0-9_]*_EXPORT$/, action: 'blank' },
  { pattern: /^Q_DECL_[A-Z0-9_]+$/, action: 'blank' },
  { pattern: /^QT_DEPRECATED_[A-Z0-9_]+$/, action: 'blank-call' },
  { pattern: /^QT_WARNING_DISABLE_[A-Z0-9_]+$/, action: 'blank-call' },
  { pattern: /^Q_DECLARE_[A-Z0-9_]+$/, action: 'blank-call' },
];

export function macroAction(name: string): MacroAction | undefined {
  const exact = MACROS.get(name);
  if (exact) return exact;
  return MACRO_PATTERNS.find((p) => p.pattern.test(name))?.action;
}
