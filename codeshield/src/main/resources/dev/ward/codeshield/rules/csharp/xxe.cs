using System.Xml;

class Config
{
    void Read(Stream stream, string path)
    {
        XmlDocument doc = new XmlDocument();
        // ruleid: csharp-xxe
        doc.Load(stream);
        var safe = new XmlDocument();
        safe.XmlResolver = null;
        // ok: csharp-xxe
        safe.Load(path);
        // ok: csharp-xxe
        var x = XDocument.Load(path);
    }
}

class Transform
{
    void Run(XslCompiledTransform xslt, string sheet)
    {
        // ruleid: csharp-xslt-script-enabled
        var settings = new XsltSettings { EnableScript = true };
        var other = new XsltSettings();
        // ruleid: csharp-xslt-script-enabled
        other.EnableScript = true;
        // ruleid: csharp-xslt-script-enabled
        xslt.Load(sheet, new XsltSettings(false, true), new XmlUrlResolver());
        // ok: csharp-xslt-script-enabled
        xslt.Load(sheet, XsltSettings.Default, null);
    }
}
