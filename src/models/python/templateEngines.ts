// Template engines as data: which calls take template *source text* (the text is compiled, so whoever writes it
// writes code that runs in the service), which environments compile it, and which of those are sandboxed.

/** Calls whose argument is template source text: positional index and keyword. */
export const TEMPLATE_TEXT_CALLS: ReadonlyArray<{ name: string; index: number; keyword: string; engine: 'jinja2' | 'mako' }> = [
  { name: 'jinja2.Template', index: 0, keyword: 'source', engine: 'jinja2' },
  { name: 'jinja2.environment.Template', index: 0, keyword: 'source', engine: 'jinja2' },
  { name: 'mako.template.Template', index: 0, keyword: 'text', engine: 'mako' },
];

/** Loaders whose mapping values (name → source text) are template source. */
export const TEMPLATE_TEXT_LOADERS: readonly string[] = ['jinja2.DictLoader', 'jinja2.loaders.DictLoader'];

/** `env.from_string(source)` on an environment. */
export const FROM_STRING_METHOD = 'from_string';

export const UNSANDBOXED_ENVIRONMENTS: readonly string[] = ['jinja2.Environment', 'jinja2.environment.Environment'];
export const SANDBOXED_ENVIRONMENTS: readonly string[] = [
  'jinja2.sandbox.SandboxedEnvironment', 'jinja2.sandbox.ImmutableSandboxedEnvironment',
];

/**
 * Django's template library (`register = template.Library()`), whose `@register.filter` functions turn a template
 * value into text the template shows; a filter that returns tags is rendered raw (`|safe`, `is_safe=True`).
 */
export const DJANGO_TEMPLATE_LIBRARIES: readonly string[] = [
  'django.template.Library', 'django.template.base.Library', 'django.template.library.Library',
];

/** Django's own libraries, which projects import to register filters on (`from django.template.defaultfilters import register`). */
export const DJANGO_TEMPLATE_LIBRARY_INSTANCES: readonly string[] = [
  'django.template.defaultfilters.register', 'django.template.defaulttags.register',
];
