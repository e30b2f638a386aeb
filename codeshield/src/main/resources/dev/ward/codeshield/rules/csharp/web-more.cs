public class LoginController : Controller
{
    public ActionResult Back(string returnUrl)
    {
        // ruleid: csharp-open-redirect
        return Redirect(returnUrl);
    }

    public ActionResult Safe(string returnUrl)
    {
        if (Url.IsLocalUrl(returnUrl))
        {
            // ok: csharp-open-redirect
            return Redirect(returnUrl);
        }
        // ok: csharp-open-redirect
        return Redirect("/");
    }

    public ActionResult Next(string next)
    {
        // ruleid: csharp-open-redirect
        return new RedirectResult(next);
    }

    // ruleid: csharp-request-validation-disabled
    [ValidateInput(false)]
    public ActionResult Post(string html) { return View(); }
}
