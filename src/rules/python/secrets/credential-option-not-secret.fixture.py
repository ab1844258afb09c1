from oslo_config import cfg
from oslo_config import types

from myproject.i18n import _
from myproject import utils

san_opts = [
    cfg.StrOpt('san_login', help='Username for the SAN controller.'),
    # ruleid: credential-option-not-secret
    cfg.StrOpt('san_password', default='', help='Password for the SAN controller.'),
    # ok: credential-option-not-secret
    cfg.StrOpt('san_chap_password', secret=True, help='CHAP secret.'),
    # ok: credential-option-not-secret
    cfg.StrOpt('san_private_key', default='',
               help='Filename of private key to use for SSH authentication.'),
    # ok: credential-option-not-secret
    cfg.IntOpt('password_length', default=12, help='Length of generated passwords.'),
    # ok: credential-option-not-secret
    cfg.BoolOpt('use_token', default=False, help='Use token auth.'),
    # ok: credential-option-not-secret
    cfg.StrOpt('password_regex', help='Regular expression a password must match.'),
    # ok: credential-option-not-secret
    cfg.IntOpt('token_expiration', default=3600, help='Token lifetime in seconds.'),
]

driver_opts = [
    # ruleid: credential-option-not-secret
    cfg.StrOpt("array_api_token",
               help="REST API authorization token."),
    # ruleid: credential-option-not-secret
    cfg.StrOpt('fixed_key', help=_('Fixed key returned by key manager, specified in hex')),
    # ruleid: credential-option-not-secret
    cfg.StrOpt('metadata_proxy_shared_secret', default=''),
    # ruleid: credential-option-not-secret
    cfg.MultiStrOpt('backend_password', default=[]),
    # ruleid: credential-option-not-secret
    cfg.StrOpt('controller_auth', help='Password used to log in to the array controller.'),
    # ok: credential-option-not-secret
    cfg.StrOpt('controller_user', help='User name used to log in to the array controller.'),
    # ok: credential-option-not-secret
    cfg.StrOpt('ca_private_key', help='Absolute path to the private key for signing.'),
    # ok: credential-option-not-secret
    cfg.StrOpt('token_provider', default='fernet', help='Token provider plugin.'),
    # ok: credential-option-not-secret
    cfg.PortOpt('admin_token_port', default=35357),
    # ok: credential-option-not-secret
    cfg.Opt('signing_key', type=types.String(), secret=True),
]

# ok: credential-option-not-secret
token_plugin = cfg.StrOpt(
    'token',
    help=utils.fmt("""
Entry point for the token auth plugin module in the `myproject.auth.token`
namespace.
"""))


def opts_for(hide):
    # ok: credential-option-not-secret
    return [cfg.StrOpt('admin_password', secret=hide)]


def register(conf):
    conf.register_opts(san_opts + driver_opts, group='backend')
    conf.register_opt(token_plugin, group='auth')


auth_opts = [
    # ok: credential-option-not-secret
    cfg.StrOpt('password', default='myproject.auth.plugins.password.Password',
               help='The password auth plugin module.'),
    # ok: credential-option-not-secret
    cfg.StrOpt('password_regex_description',
               help='Describe your password regular expression here in plain language.'),
    # ruleid: credential-option-not-secret
    cfg.StrOpt('client_secret', help='The OAuth 2.0 client secret.'),
]
