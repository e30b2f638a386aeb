fn lookup(conn: &Connection, name: &str) -> Result<()> {
    // ruleid: rust-sql-injection
    conn.execute(&format!("DELETE FROM users WHERE name = '{}'", name), [])?;
    // ok: rust-sql-injection
    conn.execute("DELETE FROM users WHERE name = ?1", [name])?;
    // ruleid: rust-sql-injection-query-fn
    let rows = sqlx::query(&format!("SELECT * FROM t WHERE id = {}", name));
    // ruleid: rust-hardcoded-secret
    let api_key = "sk_test_abc123";
    // ok: rust-hardcoded-secret
    let api_key_var = std::env::var("API_KEY")?;
    Ok(())
}
