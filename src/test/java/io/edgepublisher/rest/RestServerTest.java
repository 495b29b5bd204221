package io.edgepublisher.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The REST rules of REST.md over real HTTP against a booted node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestServerTest {
    private static final Map<String, String> ANYLOG = Map.of("User-Agent", "AnyLog/1.23");

    @TempDir
    static Path home;
    private TestNode node;
    private int port;

    @BeforeAll
    void boot() throws Exception {
        node = TestNode.start(home, Map.of("EP_REST_MAX_BODY", "4KB"),
            "set node name rest-test\nrun rest server where internal_ip = 127.0.0.1 and internal_port = "
                + "!anylog_rest_port and bind = true and threads = 3 and timeout = 7\n");
        port = node.restPort();
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    private static Map<String, String> with(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>(ANYLOG);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void getStatusAsAnyLogClientAndAsCurl() throws Exception {
        RawHttp.Response r = RawHttp.get(port, with("command", "get status"));
        assertEquals(200, r.status());
        assertEquals("text", r.header("Content-Type"));
        assertTrue(r.text().matches("rest-test@127\\.0\\.0\\.1:\\d+ running"), r.text());
        assertEquals("close", r.header("Connection"));
        assertTrue(r.closedByServer(), "one request per connection");
        assertEquals("*", r.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", r.header("Vary"));
        assertEquals("*", r.header("Access-Control-Expose-Headers"));
        RawHttp.Response curl = RawHttp.get(port, Map.of("User-Agent", "curl/8.5.0"));
        assertEquals(r.text(), curl.text());
    }

    @Test
    void unknownUserAgents() throws Exception {
        RawHttp.Response get = RawHttp.get(port, Map.of("User-Agent", "Mozilla/5.0", "command", "get status"));
        assertEquals(200, get.status());
        assertEquals(0, get.body().length);
        RawHttp.Response post = RawHttp.post(port, Map.of("User-Agent", "Mozilla/5.0", "command", "get status"), null);
        String expected = "{\"Error\" : \"HTTP server received POST message from unknown 'User-Agent': Mozilla/5.0\"}";
        assertEquals(400, post.status());
        assertEquals(expected, post.text());
        assertEquals(expected, post.reason());
        RawHttp.Response agent = RawHttp.get(port, Map.of("User-Agent", "Mozilla/5.0", "AnyLog-Agent", "anylog",
            "command", "get status"));
        assertTrue(agent.text().endsWith(" running"));
    }

    @Test
    void wrongMethodIs156WithJsonReason() throws Exception {
        RawHttp.Response r = RawHttp.get(port, with("command", "set node name x"));
        String expected = "{\"method\": \"get\", \"node\": \"127.0.0.1\", \"err_code\": 156, \"err_text\": \"Wrong HTTP method used\"}";
        assertEquals(400, r.status());
        assertEquals(expected, r.text());
        assertEquals(expected, r.reason());
        assertEquals("text/json", r.header("Content-Type"));
        RawHttp.Response p = RawHttp.post(port, with("command", "get status"), null);
        assertEquals(400, p.status());
        assertTrue(p.text().startsWith("{\"method\": \"post\", \"node\": \"127.0.0.1\", \"err_code\": 156"));
    }

    @Test
    void commandFailuresAreJsonWithDetail() throws Exception {
        RawHttp.Response r = RawHttp.post(port, with("command", "frobnicate the widgets"), null);
        assertEquals(400, r.status());
        assertEquals("{\"method\": \"post\", \"node\": \"127.0.0.1\", \"err_code\": 1, \"err_text\": \"Unrecognized Command\","
            + " \"local_msg\": \"Command 'frobnicate the widgets' not recognized\"}", r.text());
        RawHttp.Response w = RawHttp.get(port, with("command", "get processes where format = xml"));
        assertTrue(w.text().contains("\"err_code\": 2") && w.text().contains("local_msg"), w.text());
        RawHttp.Response v = RawHttp.post(port, with("command", "set node name !no_such_key"), null);
        assertTrue(v.text().contains("\"err_code\": 138"), v.text());
    }

    @Test
    void getProcessesTableAndJson() throws Exception {
        RawHttp.Response t = RawHttp.get(port, with("command", "get processes"));
        assertTrue(t.text().startsWith("\r\n    Process         Status       Details"), t.text());
        assertTrue(t.text().contains("\r\n    REST           |Running     |Listening on: 127.0.0.1:" + port
            + ", Threads Pool: 3, Timeout: 7, SSL: False|"), t.text());
        assertTrue(t.text().endsWith("|\r\n"));
        RawHttp.Response j = RawHttp.get(port, with("command", "get processes where format = json"));
        assertEquals("text/json", j.header("Content-Type"));
        assertTrue(j.text().startsWith("{\"TCP\": {\"Status\": \"Not declared\", \"Details\": \"No active connection\"}, \"REST\": {\"Status\": \"Running\""), j.text());
        assertTrue(j.text().contains("\"Operator\": {\"Status\": \"Not declared\"}"));
    }

    @Test
    void commandsInTheUrlAndInTheBody() throws Exception {
        RawHttp.Response url = RawHttp.send(port, "GET", "/?User-Agent=AnyLog/1.23?command=get%20status", Map.of(), null);
        assertTrue(url.text().endsWith(" running"), url.text());
        RawHttp.Response obj = RawHttp.post(port, Map.of("Content-Type", "application/json"),
            "{\"User-Agent\": \"AnyLog/1.23\", \"command\": \"url_probe = 42\"}");
        assertEquals(200, obj.status());
        assertEquals("42", node.node().dictionary().get("url_probe"));
        RawHttp.Response lines = RawHttp.post(port, with("command", "body"), "a_one = 1\n<a_two =\n 2>\n");
        assertEquals(200, lines.status());
        assertEquals("1", node.node().dictionary().get("a_one"));
        assertEquals("2", node.node().dictionary().get("a_two"));
        RawHttp.Response form = RawHttp.post(port, with("Content-Type", "application/x-www-form-urlencoded",
            "command", "b_after = !b_first"), "b_first = from form body");
        assertEquals(200, form.status(), form.text());
        assertEquals("from form body", node.node().dictionary().get("b_after"), "form bodies are read as raw text");
        RawHttp.Response sql = RawHttp.post(port, Map.of("Content-Type", "application/json"),
            "{\"dbms\": \"test\", \"sql\": \"select 1\"}");
        assertTrue(sql.text().contains("\"err_code\": 237"), sql.text());
    }

    @Test
    void assignmentHeaderStoresTheOutput() throws Exception {
        RawHttp.Response r = RawHttp.get(port, with("command", "get status", "assignment", "my_status"));
        assertEquals(200, r.status());
        assertEquals(r.text(), node.node().dictionary().get("my_status"));
    }

    @Test
    void methodsAndPreflight() throws Exception {
        for (String m : new String[] {"HEAD", "DELETE", "VIEW"}) {
            RawHttp.Response r = RawHttp.send(port, m, "/", ANYLOG, null);
            assertEquals(501, r.status(), m);
            assertEquals(m + " NOT SUPPORTED", r.reason());
        }
        RawHttp.Response o = RawHttp.send(port, "OPTIONS", "/", Map.of("Access-Control-Request-Headers", "command, x-a"), null);
        assertEquals(204, o.status());
        assertEquals("GET, POST, PUT, OPTIONS", o.header("Access-Control-Allow-Methods"));
        assertEquals("command, x-a", o.header("Access-Control-Allow-Headers"));
        assertEquals("86400", o.header("Access-Control-Max-Age"));
    }

    @Test
    void destinationNetworkIsRefused() throws Exception {
        RawHttp.Response r = RawHttp.get(port, with("command", "get status", "destination", "network"));
        assertEquals(400, r.status());
        assertTrue(r.text().contains("\"err_code\": 155"), r.text());
    }

    @Test
    void bodiesOverTheLimitGet413() throws Exception {
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) 'x');
        RawHttp.Response r = RawHttp.send(port, "POST", "/", with("command", "get status"), big);
        assertEquals(413, r.status());
        RawHttp.Response after = RawHttp.get(port, with("command", "get status"));
        assertEquals(200, after.status(), "the node keeps serving");
    }

    /** A streamed PUT body is counted as it arrives: a chunked body over the limit gets 413 too, and is not stored. */
    @Test
    void putBodiesOverTheLimitGet413EvenWhenChunked() throws Exception {
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        assertEquals(413, RawHttp.send(port, "PUT", "/", Map.of("dbms", "big", "table", "t"), big).status());
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            java.io.OutputStream out = s.getOutputStream();
            out.write(("PUT / HTTP/1.1\r\nHost: x\r\ndbms: big\r\ntable: t\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 5; i++) {
                out.write(("3e8\r\n" + " ".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), reply);
            assertTrue(reply.endsWith("Not stored: the body is larger than the limit of 4096 bytes (EP_REST_MAX_BODY)"),
                reply);
        }
        assertEquals(200, RawHttp.get(port, with("command", "get status")).status(), "the node keeps serving");
    }

    @Test
    void healthAnswersWithoutHeaders() throws Exception {
        RawHttp.Response h = RawHttp.send(port, "GET", "/health", Map.of(), null);
        assertEquals(200, h.status());
        assertEquals("text/json", h.header("Content-Type"));
        assertTrue(h.text().matches("\\{\"status\": \"healthy\", \"service\": \"anylog-rest-server\", \"timestamp\": \\d+\\.\\d+}"),
            h.text());
        assertEquals("{\"status\": \"ok\"}", RawHttp.send(port, "GET", "/api/status", Map.of(), null).text());
        assertEquals(StandardCharsets.UTF_8.name(), "UTF-8");
    }
}
