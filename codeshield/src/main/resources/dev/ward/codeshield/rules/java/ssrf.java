import java.net.*;

class Client {
    void connect(String host, int port, String url) throws Exception {
        // ruleid: java-ssrf
        InetSocketAddress address = new InetSocketAddress(host, port);
        // ruleid: java-ssrf
        URL u = new URL(url);
        // ok: java-ssrf
        URL fixed = new URL("https://example.com/api");
        // ok: java-ssrf
        InetSocketAddress local = new InetSocketAddress("localhost", 8080);
        // ok: java-ssrf
        String scheme = new URI(url).getScheme();
        // ruleid: java-ssrf
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
    }
}
