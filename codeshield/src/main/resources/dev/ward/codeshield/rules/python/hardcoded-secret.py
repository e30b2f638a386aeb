import os


def configure(form, connect):
    # ruleid: python-hardcoded-secret
    password = "password"
    # ruleid: python-hardcoded-secret
    form['password'] = 'wrong'
    # ruleid: python-hardcoded-secret
    db = connect(host="db", user="app", password="hunter2")
    # ok: python-hardcoded-secret
    password = os.environ["DB_PASSWORD"]
    # ok: python-hardcoded-secret
    password = ""
    # ok: python-hardcoded-secret
    username = "admin"
    return db
