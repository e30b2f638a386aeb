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

    // ruleid: csharp-request-validation-disabled
    [ValidateInput(false)]
    public ActionResult Post(string html) { return View(); }
}
