from cloudlab.api import converters

RESOURCE_ATTRIBUTE_MAP = {
    'ports': {
        'name': {'allow_post': True, 'allow_put': True,
                 'validate': {'type:string': 255}, 'default': '',
                 # ok: privileged-attribute-without-policy
                 'is_visible': True},
        # ruleid: privileged-attribute-without-policy
        'device_owner': {'allow_post': True, 'allow_put': True,
                         'validate': {'type:string': 255},
                         'default': '', 'is_visible': True},
        # ok: privileged-attribute-without-policy
        'mac_address': {'allow_post': True, 'allow_put': True,
                        'validate': {'type:mac_address': None},
                        'enforce_policy': True, 'is_visible': True},
        # ok: privileged-attribute-without-policy
        'binding:host_id': {'allow_post': False, 'allow_put': False,
                            'is_visible': True},
    },
    'networks': {
        # ruleid: privileged-attribute-without-policy
        'shared': {'allow_post': True, 'allow_put': True, 'default': False,
                   'convert_to': converters.convert_to_boolean,
                   'is_visible': True},
    },
}
