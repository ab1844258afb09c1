from myapp.models import Instance


def extra_queries(order, column, clause):
    qs = Instance.objects.filter(deleted=False)
    # ruleid: django-extra-sql
    qs.extra(where=["host = '%s'" % order])
    # ruleid: django-extra-sql
    qs.extra(select={"n": column})
    # ruleid: django-extra-sql
    qs.extra({"n": "count(*)"}, clause)
    # ruleid: django-extra-sql
    qs.extra(tables=[column])
    # ruleid: django-extra-sql
    qs.extra(select=dict(n="1"))
    # ruleid: django-extra-sql
    Instance.objects.all().extra(
        where=clause,
    )
    # ok: django-extra-sql
    qs.extra(where=["host = %s"], params=[order])
    # ok: django-extra-sql
    qs.extra(select={"n": "count(*)"}, select_params=[column])
    # ok: django-extra-sql
    qs.extra(where=("deleted = 0", "vm_state = 'active'"))
    # ok: django-extra-sql
    qs.extra(tables=["auth_user"], where=["auth_user.id = owner_id"])
    # ok: django-extra-sql
    qs.extra()
    # ok: django-extra-sql
    qs.extras(where=clause)
