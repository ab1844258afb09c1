from django.db.models import expressions
from django.db.models.expressions import RawSQL as Raw


def annotate(qs, field, statement):
    # ruleid: django-rawsql
    qs.annotate(v=expressions.RawSQL("SELECT %s FROM stats" % field, []))
    # ruleid: django-rawsql
    qs.annotate(v=Raw(statement, [1]))
    # ruleid: django-rawsql
    qs.annotate(v=expressions.RawSQL(params=[], sql=f"SELECT {field}"))
    # ok: django-rawsql
    qs.annotate(v=expressions.RawSQL("SELECT score FROM stats WHERE id = %s", [field]))
    # ok: django-rawsql
    qs.annotate(v=expressions.RawSQL(sql="SELECT 1", params=[]))
    # ok: django-rawsql
    qs.annotate(v=expressions.RawSQL())
    # ok: django-rawsql
    qs.annotate(v=expressions.RawSQLish(statement))
