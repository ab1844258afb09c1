from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import html
from django.utils.translation import gettext_lazy as _

from horizon import forms

from myproject import api

LIMITS = {'min': 1, 'max': 10}
HELP = _("Pick a size")


class StackForm(forms.SelfHandlingForm):
    size = forms.IntegerField(min_value=1, label=_("Size (GiB)"))
    max_value = settings.API_RESULT_LIMIT
    pagesize = forms.IntegerField(
        max_value=max_value,
        # ok: django-help-text-unescaped
        help_text=HELP)

    def __init__(self, request, *args, **kwargs):
        parameters = kwargs.pop('parameters')
        super().__init__(request, *args, **kwargs)
        self.limits = LIMITS.copy()
        for key, param in sorted(parameters.items()):
            field_args = {
                'initial': param.get('Default'),
                'label': param.get('Label', key),
                # ruleid: django-help-text-unescaped
                'help_text': param.get('Description', ''),
            }
            if 'AllowedValues' in param:
                self.fields[key] = forms.ChoiceField(**field_args)
            else:
                self.fields[key] = forms.CharField(**field_args)
        for key, param in parameters.items():
            escaped_args = {
                'label': param.get('Label', key),
                # ok: django-help-text-unescaped
                'help_text': html.escape(param.get('Description', '')),
            }
            self.fields['x' + key] = forms.CharField(**escaped_args)

    def from_api(self, request, volume_id):
        volume = api.volume_get(request, volume_id)
        self.fields['name'] = forms.CharField(
            label=volume.name,
            # ruleid: django-help-text-unescaped
            help_text=_("Copy of %s") % volume.description)
        # ruleid: django-help-text-unescaped
        self.fields['name'].help_text = "Source: " + volume.name
        # ruleid: django-help-text-unescaped
        self.fields['size'].help_text = f"Source volume {volume.display_name}"
        text = _("Named %(name)s") % {'name': volume.name}
        # ruleid: django-help-text-unescaped
        self.fields['size'].help_text = text
        # ruleid: django-help-text-unescaped
        self.fields['size'].help_text = _("Hint: %s") % request.GET.get('hint')

    def numbers(self, request, snapshot_id, image, volume):
        snapshot = api.snapshot_get(request, snapshot_id)
        self.fields['size'].initial = snapshot.size
        # ok: django-help-text-unescaped
        self.fields['size'].help_text = _('At least the snapshot size (%sGiB)') % snapshot.size
        min_vol_size = volume.size
        self.fields['size'].initial = min_vol_size
        # ok: django-help-text-unescaped
        self.fields['size'].help_text = _('At least the volume size (%sGiB)') % volume.size
        min_disk = getattr(image, 'min_disk', 0) or image.properties.get('min_disk', 0)
        if min_disk > min_vol_size:
            # ok: django-help-text-unescaped
            self.fields['size'].help_text = _('At least the minimum disk (%sGiB)') % min_disk
        # ok: django-help-text-unescaped
        self.fields['size'].help_text = _('At least the image size (%s)') % filesizeformat(image.size)
        # ok: django-help-text-unescaped
        self.fields['size'].help_text = _('At least %d GiB') % image.min_disk
        # ok: django-help-text-unescaped
        self.fields['size'].help_text = _('At most %s items') % self.max_value
        bounds = [_("%(type)s: %(min)s to %(max)s") % {'type': kind, 'min': self.limits[kind][0], 'max': self.limits[kind][1]}
                  for kind in self.limits]
        # ok: django-help-text-unescaped
        self.fields['size'].help_text = ' '.join(bounds)
        # ok: django-help-text-unescaped
        self.fields['size'].help_text = html.format_html("<b>{}</b>", volume.name)
        # ok: django-help-text-unescaped
        self.fields['size'].help_text = _("Size of the volume")
        # Django escapes labels.
        # ok: django-help-text-unescaped
        self.fields['size'].label = volume.name


class NetworkForm(forms.SelfHandlingForm):
    TYPES = {'vlan': {'range': True}, 'flat': {'range': False}}

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        conf = getattr(settings, 'NETWORK', {})
        self.ranges = {'vlan': conf.get('vlan', LIMITS.get('min'))}
        self.types = NetworkForm.TYPES.copy()
        self.ranged = [t for t in self.types if self.types[t]['range']]
        parts = [_("%(type)s from %(min)s") % {'type': t, 'min': self.ranges['vlan']} for t in self.ranged]
        # ok: django-help-text-unescaped
        self.fields['segment'].help_text = ' '.join(parts)

    def with_networks(self, request):
        networks = api.network_list(request)
        names = [net['name'] for net in networks]
        # ruleid: django-help-text-unescaped
        self.fields['segment'].help_text = _("Existing: %s") % ', '.join(names)


def build_field(description):
    # ruleid: django-help-text-unescaped
    return forms.CharField(help_text=description)


class Table:
    def __init__(self, help_text=None):
        # Not a form field.
        # ok: django-help-text-unescaped
        self.help_text = help_text
