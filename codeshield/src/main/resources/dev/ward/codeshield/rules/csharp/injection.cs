using System.Data.SqlClient;
using System.Diagnostics;

class Repo
{
    long Count(SqlConnection conn, string code, string name, IDbCommand cmd, string query)
    {
        // ruleid: csharp-sql-injection
        var command = new SqlCommand("SELECT * FROM users WHERE name = '" + name + "'", conn);
        // ruleid: csharp-sql-injection
        long cnt = (long)_dbcon.ExecuteScalar(string.Format("select count(1) from trackables where code = '{0}'", code));
        // ruleid: csharp-sql-injection
        cmd.CommandText = $"DELETE FROM t WHERE id = {code}";
        // ok: csharp-sql-injection
        var safe = new SqlCommand("SELECT * FROM users WHERE name = @name", conn);
        // ok: csharp-sql-injection
        Console.WriteLine($"count {cnt}");
        // ruleid: csharp-sql-non-constant-query
        var rs = Session.Execute(stmt);
        // ok: csharp-sql-non-constant-query
        var all = Session.Execute("SELECT * FROM t");
        // ruleid: csharp-sql-non-constant-query
        var byQuery = new SqlCommand(query, conn);
        // ruleid: csharp-sql-non-constant-query
        cmd.CommandText = query;
        return cnt;
    }

    void Run(string path, ProcessStartInfo startInfo, Process p)
    {
        // ruleid: csharp-command-injection
        Process.Start(startInfo);
        // ruleid: csharp-command-injection
        p.StartInfo.FileName = path;
        // ok: csharp-command-injection
        Process.Start("notepad.exe");
    }

    void Find(XmlElement element, string name)
    {
        // ruleid: csharp-xpath-injection
        XmlNode nextNode = element.SelectSingleNode(name);
        // ok: csharp-xpath-injection
        XmlNode fixedNode = element.SelectSingleNode("//config");
    }
}

class Directory
{
    SearchResult Find(DirectoryEntry root, string user, string host)
    {
        var searcher = new DirectorySearcher(root);
        // ruleid: csharp-ldap-injection
        searcher.Filter = "(&(objectClass=user)(sAMAccountName=" + user + "))";
        // ok: csharp-ldap-injection
        searcher.Filter = "(objectClass=user)";
        // ruleid: csharp-ldap-injection
        var other = new DirectorySearcher($"(mail={user})");
        // ruleid: csharp-ldap-injection
        var entry = new DirectoryEntry("LDAP://" + host + "/DC=corp");
        return searcher.FindOne();
    }

    void Launch(string tool, string args)
    {
        var psi = new ProcessStartInfo
        {
            // ruleid: csharp-command-injection
            FileName = tool,
            // ruleid: csharp-command-injection
            Arguments = args,
        };
        var fixedInfo = new ProcessStartInfo
        {
            // ok: csharp-command-injection
            FileName = "git",
        };
    }
}
