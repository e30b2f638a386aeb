import javax.xml.parsers.DocumentBuilderFactory;

class Web {
    private static final String DB_PASSWORD_KEY = "db.password";

    Object parse(HttpServletRequest request, HttpServletResponse response) throws Exception {
        // ruleid: java-xxe
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        DocumentBuilderFactory safe = DocumentBuilderFactory.newInstance();
        safe.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // ruleid: java-reflected-xss
        response.getWriter().println("Hello " + request.getParameter("name"));
        // ok: java-reflected-xss
        response.getWriter().println("Hello");
        // ruleid: java-hardcoded-secret
        String dbPassword = "s3cr3t!";
        // ok: java-hardcoded-secret
        String user = "admin";
        return dbf;
    }

    void configure(HttpSecurity http) throws Exception {
        // ruleid: java-csrf-disabled
        http.csrf().disable();
    }
}
