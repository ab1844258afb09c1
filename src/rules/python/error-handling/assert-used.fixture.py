from nova import exception


def delete_volume(context, volume, size):
    # ruleid: assert-used
    assert context.is_admin
    # ruleid: assert-used
    assert size > 0, "size must be positive"
    # ruleid: assert-used
    assert (volume is not None and
            volume.status == "available")
    # ok: assert-used
    if not context.is_admin:
        raise exception.Forbidden()
    # ok: assert-used
    assertion = volume.status == "available"
    return assertion
