from django import shortcuts
from django.contrib import auth


def logout(request):
    # ruleid: django-session-cleared-not-flushed
    request.session.clear()
    return shortcuts.redirect('login')


class SplashView(object):
    def expired(self):
        # ruleid: django-session-cleared-not-flushed
        self.request.session.clear()
        return shortcuts.redirect('login')


def proper_logout(request):
    # ok: django-session-cleared-not-flushed
    request.session.flush()
    return shortcuts.redirect('login')


def login(request, user):
    # ok: django-session-cleared-not-flushed
    request.session.cycle_key()
    auth.login(request, user)


def forget_choice(request):
    # Removes one key: the session itself goes on.
    # ok: django-session-cleared-not-flushed
    request.session.pop('choice', None)


def reset_cache(cache):
    # ok: django-session-cleared-not-flushed
    cache.clear()
