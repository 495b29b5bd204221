package io.edgepublisher.intake.broker;

import io.edgepublisher.node.Beans;
import static io.edgepublisher.intake.MqttTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.MqttTesting;
import io.edgepublisher.intake.broker.MessageBroker;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.commands.RunMessageBrokerCommand;
import io.edgepublisher.testing.LogCapture;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.TestNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's credentials (EP_BROKER_USER / EP_BROKER_PASSWORD) and TLS (EP_BROKER_SSL, with REST's
 * keystore), tried with real MQTT clients; and the boot warning when REST is authenticated but the broker is not.
 */
class BrokerSecurityTest {
    private static final String PW = "changeit";
    private static final String LOCAL_CLIENT = "run msg client where broker = local and topic = (name = sec/+ and qos ="
        + " 1 and dbms = sec and table = t and column.v.int = bring [v])";

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

    @Test
    void theBundledBootRequiresTheConfiguredCredentials() throws Exception {
        int port = Ports.free();
        Map<String, String> env = new HashMap<>(Map.of("ANYLOG_BROKER_PORT", Integer.toString(port),
            "EP_BROKER_USER", "dev", "EP_BROKER_PASSWORD", "s3cret"));
        try (TestNode node = TestNode.start(Files.createDirectories(dir.resolve("auth")), env, null)) {
            assertTrue(Beans.find(node.node(), MessageBroker.class).settings().requiresCredentials());
            node.ok(LOCAL_CLIENT);
            MsgClient c = IntakeModule.of(node.node()).clients().get(1);
            String uri = "tcp://127.0.0.1:" + port;
            for (String[] wrong : new String[][] {{null, null}, {"dev", "wrong"}, {"intruder", "s3cret"}}) {
                MqttException e = assertThrows(MqttException.class,
                    () -> MqttTesting.v3(uri, wrong[0], wrong[1], null), String.join("/", List.of(
                        String.valueOf(wrong[0]), String.valueOf(wrong[1]))));
                assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, e.getReasonCode());
            }
            var v5 = assertThrows(org.eclipse.paho.mqttv5.common.MqttException.class,
                () -> MqttTesting.v5(port, "dev", "wrong"));
            assertEquals(0x86, v5.getReasonCode(), "MQTT 5: bad user name or password");

            var good = MqttTesting.v3(uri, "dev", "s3cret", null);
            MqttTesting.publish(good, "sec/1", "{\"v\": 1}", 1);
            good.disconnect();
            good.close();
            var good5 = MqttTesting.v5(port, "dev", "s3cret");
            assertEquals(0, MqttTesting.publish(good5, "sec/2", "{\"v\": 2}", 1));
            MqttTesting.disconnect(good5);
            assertEquals(2, c.stats().mapped());
        }
    }

    @Test
    void tlsUsesTheRestKeystore() throws Exception {
        int port = Ports.free();
        Map<String, String> env = Map.of("EP_REST_KEYSTORE", keystore.toString(), "EP_REST_KEYSTORE_PASSWORD", PW,
            "EP_BROKER_SSL", "true", "EP_BROKER_USER", "dev", "EP_BROKER_PASSWORD", "s3cret");
        try (TestNode node = TestNode.start(Files.createDirectories(dir.resolve("tls")), env,
            "run message broker 127.0.0.1 " + port + " 127.0.0.1 " + port + " 1\n" + LOCAL_CLIENT + "\n")) {
            MsgClient c = IntakeModule.of(node.node()).clients().get(1);
            var tls = MqttTesting.v3("ssl://127.0.0.1:" + port, "dev", "s3cret", trusting().getSocketFactory());
            MqttTesting.publish(tls, "sec/3", "{\"v\": 3}", 1);
            tls.disconnect();
            tls.close();
            assertEquals(1, c.stats().mapped());
            assertThrows(MqttException.class, () -> MqttTesting.v3("tcp://127.0.0.1:" + port, "dev", "s3cret", null),
                "plain MQTT gets no CONNACK from a TLS port");
        }
    }

    @Test
    void tlsWithoutKeyMaterialIsRefused() throws Exception {
        try (TestNode node = TestNode.start(Files.createDirectories(dir.resolve("nokey")), Map.of(), "")) {
            var r = node.exec("run message broker where internal_ip = 127.0.0.1 and internal_port = " + Ports.free()
                + " and ssl = true");
            assertEquals(2, r.code());
            assertEquals("The message broker's TLS ('ssl = true', EP_BROKER_SSL) uses the REST server's key material:"
                + " set EP_REST_KEYSTORE, or EP_REST_SERVER_ORG with its PEM files in !pem_dir", r.detail());
        }
    }

    @Test
    void aWarningWhenRestIsAuthenticatedButTheBrokerIsNot() throws Exception {
        Map<String, String> env = Map.of("EP_REST_AUTH", "true", "EP_REST_USER", "admin", "EP_REST_PASSWORD", "x");
        try (LogCapture log = new LogCapture(RunMessageBrokerCommand.class);
             TestNode node = TestNode.start(Files.createDirectories(dir.resolve("warn")), env, "")) {
            int open = Ports.free();
            node.ok("run message broker where internal_ip = 127.0.0.1 and internal_port = " + open);
            assertEquals(List.of("REST requires authentication, but the message broker on 0.0.0.0:" + open
                + " accepts anonymous clients: set EP_BROKER_USER and EP_BROKER_PASSWORD"), log.lines());
        }
        try (LogCapture log = new LogCapture(RunMessageBrokerCommand.class);
             TestNode node = TestNode.start(Files.createDirectories(dir.resolve("nowarn")), env, "")) {
            int closed = Ports.free();
            node.ok("run message broker where internal_ip = 127.0.0.1 and internal_port = " + closed
                + " and user = dev and password = s3cret");
            assertEquals(List.of("The message broker on 0.0.0.0:" + closed + " requires a user and password without"
                + " TLS: credentials travel in clear text (EP_BROKER_SSL=true)"), log.lines());
        }
    }

    private static SSLContext trusting() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PW.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
