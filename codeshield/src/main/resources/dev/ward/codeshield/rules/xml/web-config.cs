class ConfigWriter
{
    void Write(string path)
    {
        // ruleid: aspnet-viewstate-unprotected
        File.WriteAllText(path, "<system.web><pages enableViewStateMac=\"false\" /></system.web>");
        // ok: aspnet-viewstate-unprotected
        File.WriteAllText(path, "<system.web><pages viewStateEncryptionMode=\"Always\" /></system.web>");
    }
}
