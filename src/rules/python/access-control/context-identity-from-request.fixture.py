from functools import wraps

from webob import exc


def project_scoped(handler):
    @wraps(handler)
    def wrapper(controller, req, project_id, **kwargs):
        # ruleid: context-identity-from-request
        req.context.project_id = project_id
        return handler(controller, req, **kwargs)
    return wrapper


def project_checked(handler):
    @wraps(handler)
    def wrapper(controller, req, project_id, **kwargs):
        # ok: context-identity-from-request
        if req.context.project_id != project_id:
            raise exc.HTTPForbidden()
        return handler(controller, req, **kwargs)
    return wrapper


class Middleware(object):

    def process_request(self, req):
        ctx = req.environ['harbour.context']
        user = req.headers.get('X-Acting-User')
        # ruleid: context-identity-from-request
        ctx.user_id = user
        # ok: context-identity-from-request
        ctx.is_admin = False
        # ok: context-identity-from-request
        ctx.roles = self.token_roles(ctx.auth_token)

    def switch_project(self, req):
        # ruleid: context-identity-from-request
        req.context.project_id = req.params['project']

    def as_admin(self, req):
        # ok: context-identity-from-request
        req.context.is_admin = True


class Job(object):

    def run(self, context, project_id):
        # Not the request's context: a job's own context object is built here.
        job_ctx = context.elevated()
        # ok: context-identity-from-request
        job_ctx.project_id = project_id


class Resource(object):
    """A WSGI resource that dispatches to controllers by the URL's path variables."""

    def get_action_args(self, environ):
        args = environ['wsgiorg.routing_args'][1].copy()
        args.pop('controller', None)
        return args

    def __call__(self, request):
        action_args = self.get_action_args(request.environ)
        project_id = action_args.pop('project_id', None)
        if 'harbour.context' in request.environ and project_id:
            # ruleid: context-identity-from-request
            request.environ['harbour.context'].project_id = project_id
        return self.dispatch(request, action_args)

    def checked_call(self, request):
        action_args = self.get_action_args(request.environ)
        project_id = action_args.pop('project_id', None)
        context = request.environ['harbour.context']
        if project_id and project_id != context.project_id:
            raise exc.HTTPBadRequest()
        # ok: context-identity-from-request
        context.project_id = context.project_id or self.default_project
        return self.dispatch(request, action_args)
