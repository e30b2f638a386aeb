def run_tests(base, dev_execstr):
    # ruleid: python-eval-exec
    eval ('test_%s()' % (base,))
    # ruleid: python-eval-exec
    exec(dev_execstr)
    # ok: python-eval-exec
    eval("1 + 1")
    # ok: python-eval-exec
    model.eval()
