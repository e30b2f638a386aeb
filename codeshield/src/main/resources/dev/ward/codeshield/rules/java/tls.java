import javax.net.ssl.*;
import org.apache.http.conn.ssl.NoopHostnameVerifier;

class TrustAll implements X509TrustManager {
    // ruleid: java-trust-all-certificates
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    // ok: java-trust-all-certificates
    public void checkClientTrusted(X509Certificate[] chain, String authType) { throw new UnsupportedOperationException(); }

    void lax(HttpsURLConnection c, HttpClientBuilder builder) {
        // ruleid: java-trust-all-certificates
        c.setHostnameVerifier((host, session) -> true);
        // ruleid: java-trust-all-certificates
        HttpsURLConnection.setDefaultHostnameVerifier((h, s) -> true);
        // ruleid: java-trust-all-certificates
        builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
        // ruleid: java-trust-all-certificates
        SSLSocketFactory.getSocketFactory().setHostnameVerifier(SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER);
        // ruleid: java-trust-all-certificates
        HostnameVerifier any = new AllowAllHostnameVerifier();
        // ok: java-trust-all-certificates
        c.setHostnameVerifier(new DefaultHostnameVerifier());
    }
}
