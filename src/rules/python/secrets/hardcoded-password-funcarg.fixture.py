import pymysql
from keystoneauth1.identity import v3 as identity


def connect(conf, user_input):
    # ruleid: hardcoded-password-funcarg
    db = pymysql.connect(host="db", user="nova", password="Tr0ub4dor&3")
    # ruleid: hardcoded-password-funcarg
    auth = identity.Password(auth_url=conf.auth_url, username="admin", password="adm1n-pw",
                             project_name="admin")
    # ruleid: hardcoded-password-funcarg
    client = make_client(endpoint=conf.url, auth_token="gAAAAABk-static")
    # ruleid: hardcoded-password-funcarg
    settings = dict(user="svc", db_passwd="guest-guest")
    # ruleid: hardcoded-password-funcarg
    sess = open_session(user="a", secret="s3cr3t-value", token="t0k3n-value")
    # ok: hardcoded-password-funcarg
    token = AccessToken(token=user_input, token_type="Bearer")
    # ok: hardcoded-password-funcarg
    db = pymysql.connect(host="db", user="nova", password=conf.database.password)
    # ok: hardcoded-password-funcarg
    db = pymysql.connect(host="db", user="nova", password="")
    # ok: hardcoded-password-funcarg
    reply = paginate(input_token="NextToken", output_token="NextToken", result_key="Layers")
    # ok: hardcoded-password-funcarg
    prompt = ask(password_prompt="Password: ", password_env="OS_PASSWORD")
    # ok: hardcoded-password-funcarg
    opt = conf.register(password=None, token_url="https://keystone.example.com/v3/auth/tokens")
    # ok: hardcoded-password-funcarg
    parser_args = add_argument("--os-password", help="Password of the user", default="")
    # ok: hardcoded-password-funcarg
    hashed = hash_it(password=f"{user_input}-salt")
    return db, auth, client, settings, sess, token, reply, prompt, opt, parser_args, hashed
