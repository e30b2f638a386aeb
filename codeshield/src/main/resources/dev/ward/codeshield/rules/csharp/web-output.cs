using System.IO;
using Microsoft.AspNetCore.Mvc;

public class FilesController : Controller
{
    private readonly string _root = "/srv/files";

    [HttpGet]
    public IActionResult Download(string name, string folder)
    {
        // ruleid: csharp-path-traversal
        var bytes = System.IO.File.ReadAllBytes(Path.Combine(_root, folder, name));
        // ok: csharp-path-traversal
        var safe = System.IO.File.ReadAllBytes(Path.Combine(_root, Path.GetFileName(name)));
        // ruleid: csharp-path-traversal
        using var stream = new FileStream(name, FileMode.Open);
        // ok: csharp-path-traversal
        var banner = System.IO.File.ReadAllText("banner.txt");
        // ruleid: csharp-path-traversal
        return PhysicalFile(_root + "/" + name, "application/octet-stream");
    }

    [HttpGet]
    public IActionResult Greet(string name)
    {
        // ruleid: csharp-reflected-xss
        ViewBag.Greeting = new HtmlString("<b>Hello " + name + "</b>");
        // ok: csharp-reflected-xss
        ViewBag.Safe = new HtmlString("<b>Hello " + HtmlEncoder.Default.Encode(name) + "</b>");
        // ruleid: csharp-reflected-xss
        Response.Write(name);
        // ok: csharp-reflected-xss
        Response.Write("<p>static</p>");
        return View();
    }
}
