import builtins
from builtins import exec as run_code


def apply(rule_text, namespace, compiled):
    # ruleid: exec-used
    exec(rule_text, namespace)
    # ruleid: exec-used
    builtins.exec(compiled)
    # ruleid: exec-used
    run_code("x = 1 + " + rule_text)
    # ruleid: exec-used
    exec("import os")
    # ruleid: exec-used
    exec rule_text in namespace
    # ok: exec-used
    namespace.exec(rule_text)
    # ok: exec-used
    cursor_exec = execute(rule_text)
    # ok: exec-used
    eval_result = compile(rule_text, "<rule>", "exec")
    return cursor_exec, eval_result
