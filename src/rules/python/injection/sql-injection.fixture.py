import sqlalchemy
from sqlalchemy import text

from nova.api.openstack import wsgi


class FlavorsController(wsgi.Controller):
    def index(self, req):
        name = req.GET['name']
        cursor = self.db.cursor()
        # ruleid: sql-injection
        cursor.execute("SELECT id FROM flavors WHERE name = '%s'" % name)
        # ok: sql-injection
        cursor.execute("SELECT id FROM flavors WHERE name = %s", (name,))

    def show(self, req, id):
        column = req.GET.get('sort', 'id')
        query = "SELECT * FROM flavors ORDER BY " + column
        # ruleid: sql-injection
        return self.session.execute(text(query))

    def count(self, req):
        limit = int(req.GET['limit'])
        # ok: sql-injection
        return self.engine.execute("SELECT * FROM flavors LIMIT %d" % limit)

    def search(self, req, body):
        clause = self._where(body['filter'])
        # ruleid: sql-injection
        return sqlalchemy.text("SELECT * FROM flavors WHERE " + clause)

    def _where(self, flt):
        return "name LIKE '%%%s%%'" % flt

    def bound(self, req, body):
        stmt = text("SELECT * FROM flavors WHERE name = :name")
        # ok: sql-injection
        return self.session.execute(stmt, {'name': body['name']})


def report(cursor, table):
    # Internal helper called with constants only.
    # ok: sql-injection
    cursor.execute("SELECT count(*) FROM %s" % table)
