using System;
using System.Security.Cryptography;

class Keys
{
    void Make(int[] test)
    {
        // ruleid: csharp-weak-cipher
        DESCryptoServiceProvider des = new DESCryptoServiceProvider();
        // ok: csharp-weak-cipher
        using var aes = Aes.Create();
        // ruleid: csharp-weak-hash
        SHA1CryptoServiceProvider sha1 = new SHA1CryptoServiceProvider();
        // ruleid: csharp-weak-hash
        using var md5 = MD5.Create();
        // ok: csharp-weak-hash
        using var sha = SHA256.Create();
        // ruleid: csharp-weak-hash
        var legacy = System.Security.Cryptography.MD5.Create();
        using var aes2 = Aes.Create();
        // ruleid: csharp-unauthenticated-cipher-mode
        aes2.Mode = CipherMode.ECB;
        // ruleid: csharp-unauthenticated-cipher-mode
        aes2.Mode = CipherMode.CBC;
        // ruleid: csharp-weak-random
        var rand = new Random();
        // ruleid: csharp-weak-random
        var item = rand.Next(test.Length);
        // ok: csharp-weak-random
        var bytes = RandomNumberGenerator.GetBytes(16);
    }
}
