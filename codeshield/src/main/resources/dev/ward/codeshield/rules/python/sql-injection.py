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
    # ok: python-sql-injection
    cu.execute("SELECT * FROM users " + "WHERE active = 1")
    # ok: python-sql-injection
    cu.execute(f"SELECT * FROM users")
    return records


def report(self, table, entry_user):
    statement = f"SELECT COUNT(*) FROM {table};"
    # ruleid: python-sql-injection
    self.cursor.execute(statement)
    # ruleid: python-sql-injection
    self.conn.executemany("INSERT INTO log VALUES ('%s')" % entry_user.get(), [])
    query = "SELECT * FROM orders WHERE 1 = 1"
    query += " AND customer = '%s'" % entry_user.get()
    # ruleid: python-sql-injection
    self.cursor.execute(query)
    literal = "SELECT * FROM orders"
    # ok: python-sql-injection
    self.cursor.execute(literal)
    # ruleid: python-sql-injection
    frame = pd.read_sql("SELECT * FROM " + table, self.engine)
    # ruleid: python-sql-injection
    session.execute(sqlalchemy.text(f"DELETE FROM {table}"))
    return frame
