package io.edgepublisher.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REST Basic authentication and TLS (REST.md §8), with a self-signed certificate made by keytool in the test. */
class RestSecurityTest {
    private static final String PW = "changeit";

    @TempDir
    static Path dir;
    static Path keystore;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keystore = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=127.0.0.1, O=Test Org", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", PW, "-keypass", PW).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    private static String boot(String extra) {
        return "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port" + extra + "\n";
    }

    @Test
    void basicAuthentication() throws Exception {
        Path home = Files.createDirectories(dir.resolve("auth"));
        try (TestNode n = TestNode.start(home, Map.of("EP_REST_AUTH", "true", "EP_REST_USER", "admin",
            "EP_REST_PASSWORD", "s3cret"), boot(""))) {
            String good = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));
            String bad = "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
            RawHttp.Response ok = RawHttp.get(n.restPort(), Map.of("User-Agent", "AnyLog/1.23", "command", "get status",
                "Authorization", good));
            assertEquals(200, ok.status());
            for (Map<String, String> h : new Map[] {
                Map.of("User-Agent", "AnyLog/1.23", "command", "get status", "Authorization", bad),
                Map.of("User-Agent", "AnyLog/1.23", "command", "get status")}) {
                RawHttp.Response r = RawHttp.get(n.restPort(), h);
                assertEquals(401, r.status());
                assertEquals("Failed AnyLog Client Authentication", r.reason());
                assertEquals("Failed AnyLog Client Authentication", r.text());
                assertEquals("Basic realm=\"AnyLog\"", r.header("WWW-Authenticate"));
            }
            assertEquals(200, RawHttp.send(n.restPort(), "GET", "/health", Map.of(), null).status(),
                "/health needs no credentials");
        }
    }

    @Test
    void authenticationWithoutCredentialsStopsTheRestServer() throws Exception {
        Path home = Files.createDirectories(dir.resolve("nocreds"));
        try (TestNode n = TestNode.start(home, Map.of("EP_REST_AUTH", "true"), "on error ignore\n" + boot(""))) {
            var r = n.exec("run rest server where internal_ip = 127.0.0.1 and internal_port = " + n.restPort());
            assertEquals(235, r.code());
            assertTrue(r.detail().startsWith("Missing REST credentials"), r.detail());
        }
    }

    @Test
    void tlsFromAPkcs12Keystore() throws Exception {
        Path home = Files.createDirectories(dir.resolve("p12"));
        try (TestNode n = TestNode.start(home, Map.of("EP_REST_KEYSTORE", keystore.toString(),
            "EP_REST_KEYSTORE_PASSWORD", PW), boot(" and ssl = true"))) {
            HttpClient client = HttpClient.newBuilder().sslContext(sslContext(false)).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.restPort() + "/"))
                .header("command", "get status").header("User-Agent", "AnyLog/1.23").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().endsWith(" running"), r.body());
            assertTrue(n.ok("get processes").contains("SSL: True"));
            assertThrows(Exception.class, () -> RawHttp.get(n.restPort(), Map.of("User-Agent", "AnyLog/1.23",
                "command", "get status")), "plain HTTP gets no HTTP answer on a TLS port");
        }
    }

    @Test
    void mutualTlsFromAnyLogPemFiles() throws Exception {
        Path home = Files.createDirectories(dir.resolve("pem"));
        Path pem = home.resolve("AnyLog-Network/data/pem");
        Files.createDirectories(pem);
        KeyStore ks = load();
        Certificate cert = ks.getCertificate("server");
        String certPem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(cert.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
        Files.writeString(pem.resolve("server-test-org-public-key.crt"), certPem);
        Files.writeString(pem.resolve("ca-test-org-public-key.crt"), certPem);
        Files.writeString(pem.resolve("server-test-org-private-key.key"), "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(ks.getKey("server", PW.toCharArray()).getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
        try (TestNode n = TestNode.start(home, Map.of(), boot(" and ssl = true and ca_org = \"Test Org\" and server_org = \"Test Org\""))) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.restPort() + "/"))
                .header("command", "get status").build();
            HttpClient withCert = HttpClient.newBuilder().sslContext(sslContext(true)).build();
            assertEquals(200, withCert.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpClient noCert = HttpClient.newBuilder().sslContext(sslContext(false)).build();
            assertThrows(IOException.class, () -> noCert.send(req, HttpResponse.BodyHandlers.ofString()),
                "a client without a certificate signed by the CA is refused");
            var missing = n.exec("run rest server where internal_ip = 127.0.0.1 and internal_port = 1 and ssl = true"
                + " and ca_org = nobody and server_org = nobody");
            assertEquals(136, missing.code(), "second call");
        }
    }

    private static KeyStore load() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PW.toCharArray());
        }
        return ks;
    }

    private static SSLContext sslContext(boolean clientCert) throws Exception {
        KeyStore ks = load();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = null;
        if (clientCert) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PW.toCharArray());
        }
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
