public class SessionController : Controller
{
    public ActionResult Login(string user)
    {
        var cookie = new HttpCookie("session", Guid.NewGuid().ToString());
        // ruleid: csharp-cookie-httponly-off
        cookie.HttpOnly = false;
        // ruleid: csharp-cookie-secure-off
        cookie.Secure = false;
        // ok: csharp-cookie-httponly-off, csharp-cookie-secure-off
        cookie.HttpOnly = true;
        var options = new CookieOptions
        {
            // ruleid: csharp-cookie-httponly-off
            HttpOnly = false,
            // ruleid: csharp-cookie-secure-off
            Secure = false,
        };
        Response.Cookies.Append("token", user, options);
        return View();
    }

    void Configure(IServiceCollection services)
    {
        services.ConfigureApplicationCookie(o =>
        {
            // ruleid: csharp-cookie-secure-off
            o.Cookie.SecurePolicy = CookieSecurePolicy.None;
        });
    }
}
