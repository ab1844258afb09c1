import logging
import sqlalchemy

LOG = logging.getLogger(__name__)


def queries(cursor, session, name, table, ids, column):
    # ruleid: sql-string-construction
    cursor.execute("SELECT id FROM users WHERE name = '%s'" % name)
    # ruleid: sql-string-construction
    query = "DELETE FROM " + table + " WHERE id = 1"
    # ruleid: sql-string-construction
    cursor.executemany("INSERT INTO audit VALUES ({}, %s)".format(column), ids)
    # ruleid: sql-string-construction
    stmt = "UPDATE hosts SET state = 'up' WHERE name = 'NAME'".replace("NAME", name)
    # ruleid: sql-string-construction
    cursor.execute(f"SELECT {column} FROM instances")
    # ruleid: sql-string-construction
    session.execute(sqlalchemy.text(f"DELETE FROM {table} WHERE deleted = 1"))
    # ruleid: sql-string-construction
    cursor.execute("SELECT * "
                   f"FROM {table} "
                   "WHERE id = 1")
    cursor.execute(
        # ruleid: sql-string-construction
        """
        SELECT uuid
        FROM instances
        WHERE host = '%s'
        """ % name)
    # ruleid: sql-string-construction
    sql = ("SELECT a "
           "FROM t WHERE b = " + name)
    # ruleid: sql-string-construction
    cursor.execute(operation=f"UPDATE {table} SET x = 1")
    # ruleid: sql-string-construction
    rows = session.connection().exec_driver_sql("SELECT * FROM %s" % table).fetchall()
    # ok: sql-string-construction
    cursor.execute("SELECT id FROM users WHERE name = %s", (name,))
    # ok: sql-string-construction
    query = "SELECT id " + "FROM users"
    # ok: sql-string-construction
    query = "SELECT * FROM %s" % ("users",)
    # ok: sql-string-construction
    query = "SELECT * FROM {}".format("users")
    # ok: sql-string-construction
    query = f"SELECT * FROM users"
    # ok: sql-string-construction
    LOG.debug("Update of %s set to %s" % (name, column))
    # ok: sql-string-construction
    raise ValueError("cannot select %s from %s" % (column, table))
    # ok: sql-string-construction
    print("delete from the cache as the first argument")
    # ok: sql-string-construction
    total = b"SELECT * FROM t WHERE x = " + name
    # ok: sql-string-construction
    message = "Selected %d of %d" % (len(ids), 3)
    # ok: sql-string-construction
    cursor.execute("SELECT * FROM t WHERE x = '%s'" % name)  # nosec B608
