class Web {
    private static final String DB_PASSWORD_KEY = "db.password";

    Object parse(HttpServletRequest request, HttpServletResponse response) throws Exception {
        // ruleid: java-reflected-xss
        response.getWriter().println("Hello " + request.getParameter("name"));
        // ok: java-reflected-xss
        response.getWriter().println("Hello");
        String name = request.getParameter("name");
        PrintWriter out = response.getWriter();
        // ruleid: java-reflected-xss
        out.println("<h1>Welcome, " + name + "</h1>");
        // ok: java-reflected-xss
        out.println("<h1>Welcome, " + Encode.forHtml(name) + "</h1>");
        // ruleid: java-reflected-xss
        response.sendError(404, "No page " + request.getQueryString());
        // ruleid: java-hardcoded-secret
        String dbPassword = "s3cr3t!";
        // ok: java-hardcoded-secret
        String user = "admin";
        return out;
    }

    void cors(HttpServletRequest req, HttpServletResponse resp) {
        String origin = req.getHeader("Origin");
        // ruleid: java-cors-origin-from-request
        resp.setHeader("Access-Control-Allow-Origin", origin);
        // ok: java-cors-origin-from-request
        resp.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
        if (ALLOWED.contains(origin)) {
            // ok: java-cors-origin-from-request
            resp.addHeader("Access-Control-Allow-Origin", origin);
        }
    }

    void configure(HttpSecurity http) throws Exception {
        // ruleid: java-csrf-disabled
        http.csrf().disable();
    }

    DirContext connect(String url) throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.PROVIDER_URL, url);
        // ruleid: java-ldap-anonymous-bind
        env.put(Context.SECURITY_AUTHENTICATION, "none");
        // ok: java-ldap-anonymous-bind
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        return new InitialDirContext(env);
    }
}
