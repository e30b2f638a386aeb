def run_tests(base, dev_execstr):
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
