using System.Net;
using System.Net.Http;

class Client
{
    HttpClient Make()
    {
        // ruleid: csharp-certificate-validation-disabled
        ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => true;
        // ruleid: csharp-certificate-validation-disabled
        ServicePointManager.ServerCertificateValidationCallback = delegate { return true; };
        var handler = new HttpClientHandler();
        // ruleid: csharp-certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;
        // ruleid: csharp-certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        // ok: csharp-certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => errors == SslPolicyErrors.None;
        return new HttpClient(handler);
    }
}
