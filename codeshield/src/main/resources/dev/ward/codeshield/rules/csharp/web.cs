public class AccountController : Controller
{
    // ruleid: csharp-missing-antiforgery-token
    [HttpPost]
    public ActionResult Delete(int id) { return View(); }

    // ok: csharp-missing-antiforgery-token
    [HttpPost]
    [ValidateAntiForgeryToken]
    public ActionResult Update(int id) { return View(); }

    // ok: csharp-missing-antiforgery-token
    [HttpGet]
    public ActionResult Show(int id) { return View(); }

    void Configure(UserManager manager)
    {
        manager.PasswordValidator = new PasswordValidator
        {
            // ruleid: csharp-weak-password-policy
            RequiredLength = 4,
            // ruleid: csharp-weak-password-policy
            RequireDigit = false,
        };
    }
}
