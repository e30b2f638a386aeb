fn lookup(conn: &Connection, name: &str) -> Result<()> {
    // ruleid: rust-sql-injection
    conn.execute(&format!("DELETE FROM users WHERE name = '{}'", name), [])?;
    // ok: rust-sql-injection
    conn.execute("DELETE FROM users WHERE name = ?1", [name])?;
    let sql = format!("UPDATE users SET seen = 1 WHERE name = '{}'", name);
    // ruleid: rust-sql-injection
    conn.execute(&sql, [])?;
    let q = format!("select * from t where id = {}", name);
    // ruleid: rust-sql-injection
    let rows = client.query(q.as_str(), &[])?;
    let greeting = format!("hello {}", name);
    // ok: rust-sql-injection
    let answer = client.query(&greeting, &[])?;
    // ruleid: rust-sql-injection-query-fn
    let rows = sqlx::query(&format!("SELECT * FROM t WHERE id = {}", name));
    // ruleid: rust-sql-injection-query-fn
    let users = diesel::sql_query(weird_query).load::<User>(conn)?;
    // ruleid: rust-sql-injection-query-fn
    let deleted = sql_query(format!("DELETE FROM t WHERE name = '{}'", name)).execute(conn)?;
    // ok: rust-sql-injection-query-fn
    let safe = diesel::sql_query("SELECT * FROM users WHERE id = $1").bind::<Integer, _>(7);
    // ok: rust-sql-injection-query-fn
    let bound = sqlx::query("SELECT * FROM t WHERE id = ?").bind(name);
    // ruleid: rust-hardcoded-secret
    let api_key = "sk_test_abc123";
    // ok: rust-hardcoded-secret
    let api_key_var = std::env::var("API_KEY")?;
    Ok(())
}
