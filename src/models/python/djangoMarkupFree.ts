// Django calls whose result is text that cannot hold markup whatever their arguments are: what django-mark-safe may
// take as safe inside a string marked safe (rulekit/safeMarkup.ts, `reasoned`).

export const DJANGO_MARKUP_FREE_CALLS: ReadonlySet<string> = new Set([
  // "3 days, 2 hours": numbers and the translated names of time units (django/utils/timesince.py).
  'django.utils.timesince.timesince', 'django.utils.timesince.timeuntil',
  // The same functions as defaultfilters imports them, and the filters over them ('' on a bad value).
  'django.template.defaultfilters.timesince', 'django.template.defaultfilters.timeuntil',
  'django.template.defaultfilters.timesince_filter', 'django.template.defaultfilters.timeuntil_filter',
  // A URL path from the project's URL patterns, its arguments percent-encoded (`quote(…, safe=RFC3986_SUBDELIMS +
  // "/~:@")`): no `<`, `>` or `"` from an argument, so it is safe as text and in a double-quoted attribute.
  'django.urls.reverse', 'django.urls.reverse_lazy', 'django.core.urlresolvers.reverse', 'django.core.urlresolvers.reverse_lazy',
]);
