from oslo_config import cfg

from cloudlab import exceptions


def _validate_extra_routes(routes, valid_values=None):
    seen = set()
    # ruleid: validator-accepts-unbounded-list
    for route in routes:
        if 'destination' not in route:
            raise exceptions.InvalidInput(error_message='destination missing')
        if route['destination'] in seen:
            raise exceptions.InvalidInput(error_message='duplicate route')
        seen.add(route['destination'])


def _validate_extra_routes_bounded(routes, valid_values=None):
    if len(routes) > cfg.CONF.max_extra_routes:
        raise exceptions.InvalidInput(error_message='too many routes')
    # ok: validator-accepts-unbounded-list
    for route in routes:
        if 'destination' not in route:
            raise exceptions.InvalidInput(error_message='destination missing')


def summarize_routes(routes):
    # ok: validator-accepts-unbounded-list
    for route in routes:
        print(route)
