def query(cu, table, condition, user_id, name):
    # ruleid: python-sql-injection
    records = cu.execute('''select * from %s %s''' % (table, condition))
    # ruleid: python-sql-injection
    cu.execute("SELECT * FROM users WHERE name = '" + name + "'")
    # ruleid: python-sql-injection
    cu.execute(f"SELECT * FROM users WHERE id = {user_id}")
    sql = "DELETE FROM t WHERE id = {}".format(user_id)
    # ruleid: python-sql-injection
    cu.execute(sql)
    # ok: python-sql-injection
    cu.execute("SELECT * FROM users WHERE id = %s", (user_id,))
    # ok: python-sql-injection
    cu.execute("SELECT 1")
    return records
