import ast


def limits(text, request):
    # ruleid: eval-used
    a = eval(text)
    # ruleid: eval-used
    b = eval("limit_" + request.args["name"])
    # ruleid: eval-used
    c = eval(compile(text, "<input>", "eval"), {"__builtins__": {}})
    # ok: eval-used
    d = eval("60 * 60")
    # ok: eval-used
    e = ast.literal_eval(text)
    return a, b, c, d, e


class Formula(object):
    def eval(self, scope):
        return scope

    def run(self, scope):
        # ok: eval-used
        return self.eval(scope)


class ControllerTest(object):
    action = "self.controller.start"

    def setUp(self):
        self.stop_action = "self.controller.stop"

    def test_actions(self):
        # ok: eval-used
        eval(self.action)
        # ok: eval-used
        eval(self.stop_action)
        expr = "self.controller.pause"
        # ok: eval-used
        eval(expr)

    def test_dynamic(self, name):
        self.target = "self.controller." + name
        # ruleid: eval-used
        eval(self.target)
        # ruleid: eval-used
        eval(name)

    def test_loop(self, names):
        expr = "self.controller.pause"
        for expr in names:
            # ruleid: eval-used
            eval(expr)
