import os

from oslo_config import cfg

# ruleid: hardcoded-password-string
DB_PASSWORD = "Tr0ub4dor&3"
# ruleid: hardcoded-password-string
admin_pass = 'letmein'
# ruleid: hardcoded-password-string
rabbit_passwd: str = "guest-guest"
# ruleid: hardcoded-password-string
primary = replica_token = "a8f5f167f44f4964e6c998dee827110c"
# ruleid: hardcoded-password-string
user, secret = "nova", "s3cr3t-value"
# ruleid: hardcoded-password-string
SECRET_KEY = "django-insecure-9x8c7v6b"
# ruleid: hardcoded-password-string
ROOT_PASSWORD = "Password123"
# ruleid: hardcoded-password-string
EMAIL_PASSWORD = "secret"
# ruleid: hardcoded-password-string
admin_password_for_email = "d6s$f9g!j8mg7"
# ok: hardcoded-password-string
password = ""
# ok: hardcoded-password-string
password_for_email_env = "EMAIL_PASSWORD"
# ok: hardcoded-password-string
token_type = "Bearer"
# ok: hardcoded-password-string
password_field = "password"
# ok: hardcoded-password-string
TOKEN_URL = "https://keystone.example.com/v3/auth/tokens"
# ok: hardcoded-password-string
PASSWORD_ENV_VAR = "OS_PASSWORD"
# ok: hardcoded-password-string
password_label = "Enter your password:"
# ok: hardcoded-password-string
token_fail_reason = "Unexpected API response received"
# ok: hardcoded-password-string
next_token = "abcdef123456"
# ok: hardcoded-password-string
passwords = "hunter22"
# ok: hardcoded-password-string
first_pass = "tokenize"
# ok: hardcoded-password-string
password = None
# ok: hardcoded-password-string
password = "***"
# ok: hardcoded-password-string
password_tmpl = "%(password)s"
# ok: hardcoded-password-string
password = os.environ.get("DB_PASSWORD", "")
# ok: hardcoded-password-string
auth_token = f"{os.environ['TOKEN']}"
# ok: hardcoded-password-string
token = b"raw-bytes-literal"


class Settings(object):
    # ruleid: hardcoded-password-string
    keystone_password = "admin-pass-42"
    # ok: hardcoded-password-string
    password_prompt = "Password for %s: "

    def __init__(self):
        # ruleid: hardcoded-password-string
        self.auth_token = "gAAAAABk9xQ2v7Lm"
        # ok: hardcoded-password-string
        self.token_expiry = "2030-01-01T00:00:00Z"


def build(conf, headers):
    # ruleid: hardcoded-password-string
    creds = {"username": "admin", "password": "s3cret!"}
    # ok: hardcoded-password-string
    paginator = {"input_token": "NextToken", "output_token": "NextToken"}
    # ok: hardcoded-password-string
    opts = {"password": None, "token": conf.token}
    # ruleid: hardcoded-password-string
    conf["db_password"] = "correcthorse"
    # ruleid: hardcoded-password-string
    headers["X-Auth-Token"] = "gAAAAABkZ2V0LXRva2Vu"
    # ok: hardcoded-password-string
    headers["X-Auth-Token"] = conf.token
    # ok: hardcoded-password-string
    conf["password"] = ""
    return creds, paginator, opts


def check(password, token, request):
    # ruleid: hardcoded-password-string
    if password == "letmein":
        return True
    # ruleid: hardcoded-password-string
    if "backdoor42" != request.password:
        return False
    # ok: hardcoded-password-string
    if token in ("(", ")", "def"):
        return False
    # ok: hardcoded-password-string
    if request.token_type == "bearer":
        return True
    # ok: hardcoded-password-string
    if password == "":
        return False
    return cfg.StrOpt("password", secret=True, help="Password of the database user")
