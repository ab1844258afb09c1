import unittest


class ConnectTestCase(unittest.TestCase):

    # ok: hardcoded-password-default
    def _connect(self, user="admin", password="fake-password"):
        return (user, password)

    # ruleid: hardcoded-password-default
    def _cloud(self, token="ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"):
        return token

    def test_connect(self):
        self.assertEqual(("admin", "fake-password"), self._connect())


# ruleid: hardcoded-password-default
def login(client, user, *, aws_secret="AKIAIOSFODNN7EXAMPLE-9f8e7d6c5b4a3Z2Y1X0w"):
    return client.login(user, aws_secret)


# ok: hardcoded-password-default
def connect(driver, user, password=None, token="", token_type="Bearer"):
    return driver.connect(user, password, token, token_type)


# ok: hardcoded-password-default
async def fetch(session, next_token="NextToken", password_field="password"):
    return await session.get(next_token, password_field)


# ok: hardcoded-password-default
def test_reset_password(password="hunter22"):
    return password


# ruleid: hardcoded-password-default
reader = lambda path, passphrase="xQ9!vB7#mK2$pL5&nR8*tW3^zY6@cF1": (path, passphrase)
