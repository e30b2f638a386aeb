import javax.net.ssl.*;

class TrustAll implements X509TrustManager {
    // ruleid: java-trust-all-certificates
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    // ok: java-trust-all-certificates
    public void checkClientTrusted(X509Certificate[] chain, String authType) { throw new UnsupportedOperationException(); }

    void lax(HttpsURLConnection c) {
        // ruleid: java-trust-all-certificates
        c.setHostnameVerifier((host, session) -> true);
    }
}
