import base64


def run_tests(base, dev_execstr, payload):
    # ruleid: python-eval-exec
    eval ('test_%s()' % (base,))
    # ruleid: python-eval-exec
    exec(dev_execstr)
    # ok: python-eval-exec
    eval("1 + 1")
    snippet = "x = (y := 1)"
    # ok: python-eval-exec
    exec(snippet, {}, {})
    # ruleid: python-eval-exec
    exec(base64.b64decode(payload(base)))
    # ok: python-eval-exec
    code = compile(open(base).read(), base, "exec")
    # ruleid: python-eval-exec
    exec(code, {})
    # ok: python-eval-exec
    model.eval()
    # ruleid: python-eval-exec
    result = eval(command, globals(), locals())
    # ruleid: python-eval-exec
    exec(f"self.minimizer.{base} = {dev_execstr}")
    # ruleid: python-eval-exec
    value = builtins.eval(payload)


def configure(args):
    # ruleid: python-eval-exec
    kwargs = eval(args.custom_reward_kwargs)
    # ok: python-eval-exec
    eval()
    return kwargs


def shadowed(var):
    def eval(text):
        return text
    # ok: python-eval-exec
    return eval(var)


def legacy(extension, extension_module):
    # Python 2's statement form
    # ruleid: python-eval-exec
    exec extension in extension_module.__dict__
    # ok: python-eval-exec
    exec "import sys"


def table_driven(self):
    cases = [
        ("Unreachable reuse", 'i', "[i for i in range(5) if (i := 0)]"),
        ("Nested", 'j', "[[(j := j) for i in range(5)] for j in range(5)]"),
    ]
    for case, target, code in cases:
        with self.assertRaises(SyntaxError):
            # ok: python-eval-exec
            exec(code, {}, {})
    for stmt in ["x = 1", 'y = 2']:
        # ok: python-eval-exec
        exec(stmt, globals())
    for name in ["a", "b"]:
        # ruleid: python-eval-exec
        exec(self.source_for(name))
    co = compile('a + b', "<int>", "eval")
    # ok: python-eval-exec
    value = eval(co, {}, {'a': 1, 'b': 2})
    # ok: python-eval-exec
    same = eval(repr(value))
    # ok: python-eval-exec
    exec(table_driven.__code__, {})
    # ok: python-eval-exec
    exec(textwrap.dedent("""
        import sys
    """), globals())
    return same
