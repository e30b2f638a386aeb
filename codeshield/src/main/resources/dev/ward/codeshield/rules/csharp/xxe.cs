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
