// Django behaviour that changed with a release, for rules that judge code by the version the project declares.

/** The distribution's PEP 503 name. */
export const DJANGO_DISTRIBUTION = 'django';

/**
 * From Django 1.8 the markup-building filters (urlize, linebreaksbr, unordered_list …) escape their input when called
 * without `autoescape` (the default became True; before, None: no escaping). Django 1.8 release notes, "Filters and
 * auto-escaping": https://docs.djangoproject.com/en/stable/releases/1.8/
 */
export const FILTER_AUTOESCAPE_DEFAULT_SINCE = '1.8';
