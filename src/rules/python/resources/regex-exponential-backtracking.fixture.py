import re

from django.core import validators
from oslo_config import cfg

# ruleid: regex-exponential-backtracking
DOMAIN_NAME = ("^(?:[a-zA-Z0-9_\\-]{1,63}\\.?)+"
               "(?:[a-zA-Z]{2,})$")
# ok: regex-exponential-backtracking
SAFE_DOMAIN_NAME = r"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9_\-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,}$"


def _check_pattern(value, pattern):
    if not re.match(pattern, value):
        return "'%s' does not match" % value


def validate_nameserver(value):
    return _check_pattern(value, DOMAIN_NAME)


def validate_domain(value):
    return _check_pattern(value, SAFE_DOMAIN_NAME)


class MediaRange(object):
    token = r'[^()<>@,;:\"/\[\]?={}\x00-\x20\x7f]+'
    text = r'[^"]'
    escaped = r'(?:\\.)'
    # ruleid: regex-exponential-backtracking
    quoted = r'"(?:' + text + r'|' + escaped + r')*"'
    param = r'(?:\s*;\s*' + token + r'\s*=\s*(?:' + token + '|' + quoted + r'))'
    media = re.compile(token + '/' + token + param + '*')

    plain = r'[^"\\]'
    # ok: regex-exponential-backtracking
    exclusive = r'"(?:' + plain + r'|' + escaped + r')*"'
    good = re.compile(token + r'\s*=\s*' + exclusive)


def split_words(line):
    # ruleid: regex-exponential-backtracking
    return re.findall(r'^(\w+\s?)*$', line)


def words_prefix(line):
    # The loop may end the match: the greedy path succeeds at once.
    # ok: regex-exponential-backtracking
    return re.match(r'(\w+\s?)*', line)


def key_value(line):
    return re.match(r'^\s*(\w+)\s*=\s*(.*?)\s*$', line)


def whole_run(text):
    # ruleid: regex-exponential-backtracking
    return re.fullmatch('(?:ab|a|b)*', text)


NAME_SCHEMA = {
    'type': 'string',
    # ruleid: regex-exponential-backtracking
    'pattern': r'^([a-z0-9]+-?)*[a-z0-9]$',
}

METADATA_SCHEMA = {
    'type': 'object',
    'patternProperties': {
        # ok: regex-exponential-backtracking
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string'},
    },
}

RESOURCE_ATTRIBUTES = {
    'dns_domain': {
        # ruleid: regex-exponential-backtracking
        'validate': {'type:regex': r'^(\d+\.?)+$'},
    },
    'name': {'validate': {'type:regex': r'^[a-z][a-z0-9_]*$'}},
}


def verbose_pattern(value):
    return re.match(r"""
        ^ [a-z]+          # a word
        (?: - [a-z]+ )*   # dash-separated words
        $""", value, re.VERBOSE)


def computed(value, pattern_text):
    return re.search(pattern_text, value)


def atomic(value):
    # ok: regex-exponential-backtracking
    return re.match(r'^(?>\w+\s?)*$', value)


USERNAME_VALIDATOR = validators.RegexValidator(r'^[\w.@+-]+$')
# ruleid: regex-exponential-backtracking
SLUG_VALIDATOR = validators.RegexValidator(regex=r'^([a-z]+_?)+$', flags=re.I)

# ok: regex-exponential-backtracking
option = cfg.StrOpt('name_format', regex=r'^(\w+\s?)*$')
