void login(void) {
    char *user = "admin";
    char *password;
    // ruleid: c-hardcoded-credential
    password = "";
    // ruleid: c-hardcoded-credential
    const char *api_key = "3f9a0c";
    // ruleid: c-hardcoded-credential
    char db_password[] = "hunter2";
    // ok: c-hardcoded-credential
    password = read_secret("db");
    // ok: c-hardcoded-credential
    const char *greeting = "hello";
}
