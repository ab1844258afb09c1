// Django's form fields and what their `help_text` becomes: the field constructors (Django's and horizon's re-export),
// the numeric fields (an `initial` given to one is a number), and the form attributes Django or horizon set from
// the HTTP request. Django renders a field's help_text without escaping it (django/forms/forms.py `_html_output`,
// and horizon's `horizon/_form_field.html` writes `{{ field.help_text|safe }}`). Data only.

/** Modules whose `*Field` classes are form fields: `forms.CharField(help_text=…)`. */
export const FORM_FIELD_MODULES: readonly string[] = [
  'django.forms', 'django.forms.fields', 'django.forms.models', 'django.contrib.postgres.forms',
  'horizon.forms', 'horizon.forms.fields',
];

/** A constructor of one of FORM_FIELD_MODULES is a field when its class name ends so (`ChoiceField`, `IPField`). */
export const FORM_FIELD_SUFFIX = 'Field';

/** Fields whose value is a number: a value also given as such a field's `initial`, `min_value` or `max_value` is one. */
export const NUMERIC_FORM_FIELDS: ReadonlySet<string> = new Set(['IntegerField', 'FloatField', 'DecimalField']);
export const NUMERIC_FIELD_ATTRIBUTES: ReadonlySet<string> = new Set(['initial', 'min_value', 'max_value']);

/** Attributes a form (horizon's SelfHandlingForm, a view's form kwargs) holds for the HTTP request: user input. */
export const FORM_REQUEST_ATTRIBUTES: ReadonlySet<string> = new Set(['request']);

/**
 * Calls whose text is a number with its unit, whatever their argument: `filesizeformat(image.size)` gives
 * "1.5 GB" (digits and a translated unit), or '0 bytes' for a value that is not a number.
 */
export const NUMBER_TEXT_CALLS: ReadonlySet<string> = new Set([
  'django.template.defaultfilters.filesizeformat', 'django.contrib.humanize.templatetags.humanize.intcomma',
  'django.utils.formats.number_format',
]);
