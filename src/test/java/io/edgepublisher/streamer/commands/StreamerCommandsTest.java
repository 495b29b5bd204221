package io.edgepublisher.streamer.commands;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.DataFileName;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.streamer.StreamerService;
import io.edgepublisher.streamer.Thresholds;
import io.edgepublisher.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code set buffer threshold}, {@code run streamer}, {@code flush buffers} and {@code get streaming [config]} on a
 * booted node (COMMANDS.md §4.17–4.19, §4.25, INTAKE.md §5): scopes, flushes on volume and time, exact file names and
 * contents in the watch dir.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamerCommandsTest {
    @TempDir
    static Path home;
    private TestNode node;
    private StreamerService streamer;
    private Path watch;

    @BeforeAll
    void boot() throws Exception {
        node = TestNode.start(home, Map.of(), "set buffer threshold where time = 1 hour and volume = 1MB\n");
        streamer = Beans.get(node.node(), StreamerService.class);
        watch = Path.of(node.node().dictionary().get("watch_dir"));
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    private static String name(String dbms, String table, String content) {
        BufferKey k = BufferKey.of(dbms, table);
        return DataFileName.of(k, DataHash.md5(dbms, table, content.getBytes(StandardCharsets.UTF_8)));
    }

    private void append(String dbms, String table, String rows, int n) {
        streamer.buffers().append(BufferKey.of(dbms, table), rows, n);
    }

    /** Waits up to 20 s for the file in the watch dir; fails the test with what the dir holds otherwise. */
    private Path waitFor(String fileName) throws Exception {
        Path p = watch.resolve(fileName);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(p)) {
            if (System.nanoTime() > deadline) {
                try (Stream<Path> s = Files.list(watch)) {
                    throw new AssertionError("no " + fileName + " in " + watch + " within 20 s; it holds "
                            + s.map(f -> f.getFileName().toString()).sorted().toList());
                }
            }
            Thread.sleep(50);
        }
        return p;
    }

    @Test
    void scopesAliasesPartialUpdatesAndRemoval() {
        node.ok("set buffer threshold where dbms = scope1 and time = 30 seconds");
        assertEquals(new Thresholds(30, 1_048_576), streamer.thresholds().lookup("scope1", "any"));
        node.ok("set buffer threshold where dbms_name = scope1 and table_name = t1 and volume = 2KB");
        assertEquals(new Thresholds(3600, 2048), streamer.thresholds().lookup("scope1", "t1"),
                "a new table entry starts from the global values");
        node.ok("set buffer threshold where dbms = scope1 and table = t1 and time = 5 minutes");
        assertEquals(new Thresholds(300, 2048), streamer.thresholds().lookup("scope1", "t1"));
        assertEquals(new Thresholds(30, 1_048_576), streamer.thresholds().lookup("scope1", "t2"));
        String config = node.ok("get streaming config");
        assertTrue(config.matches("(?s).*\r\n\r\nTable +Time / Volume\r\n-+   -------------\r\n.*"), config);
        assertTrue(config.matches("(?s).*\r\nscope1 * : 30 / 1,048,576\r\nscope1\\.t1 * : 300 / 2,048\r\n.*"), config);
        node.ok("set buffer threshold where dbms = scope1 and table = t1 and time = 0 seconds and volume = 0");
        assertEquals(new Thresholds(30, 1_048_576), streamer.thresholds().lookup("scope1", "t1"));
        node.ok("set buffer threshold where dbms = scope1 and time = 0 seconds and volume = 0");
        assertEquals(new Thresholds(3600, 1_048_576), streamer.thresholds().lookup("scope1", "t1"));

        CommandResult none = node.exec("set buffer threshold where dbms = scope1");
        assertEquals(33, none.code());
        assertEquals("Missing Time threshold or Volume threshold or Write Immediate", none.detail());
        assertEquals(2, node.exec("set buffer threshold where table = t1 and time = 5 seconds").code());
        assertEquals(2, node.exec("set buffer threshold where time = 5 parsecs").code());
    }

    @Test
    void writeImmediateIsStoredForThePublisherToRefuse() {
        assertFalse(streamer.writeImmediateRequested());
        node.ok("set buffer threshold where write_immediate = true");
        assertTrue(streamer.writeImmediateRequested());
        assertTrue(node.ok("get streaming config").matches("(?s).*\r\nWrite Immediate \\|True +\\|.*"));
        assertTrue(node.ok("get streaming config where format = json").contains("\"Write_Immediate\": true"));
        node.ok("set buffer threshold where write_immediate = false");
        assertFalse(streamer.writeImmediateRequested());
    }

    @Test
    void volumeThresholdFlushesExactFile() throws Exception {
        node.ok("set buffer threshold where dbms = vol and volume = 40");
        append("vol", "t", "{\"a\":1}\n{\"a\":2}", 2); // 15 bytes
        append("vol", "t", "{\"a\":3}", 1); // 23 bytes
        append("vol", "t", "{\"a\":4}\n{\"a\":5}", 2); // 39: not greater than 40
        assertFalse(Files.exists(watch.resolve(name("vol", "t", "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n{\"a\":5}"))));
        append("vol", "t", "{\"a\":6}", 1); // 47 > 40: flush
        String content = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n{\"a\":5}\n{\"a\":6}";
        Path f = watch.resolve(name("vol", "t", content));
        assertEquals(content, Files.readString(f));
        assertEquals("vol.t.0." + DataHash.md5("vol", "t", content.getBytes(StandardCharsets.UTF_8)) + ".0.json",
                f.getFileName().toString());
    }

    @Test
    void runStreamerFlushesOnTimeAndIsAProcess() throws Exception {
        CommandResult missing = node.exec("run streamer where prep_dir = " + home.resolve("nope"));
        assertEquals(35, missing.code());
        assertEquals("Not declared", node.node().processes().status("Streamer").statusText());

        node.ok("run streamer");
        CommandResult again = node.exec("run streamer");
        assertEquals(136, again.code());
        assertEquals("Duplicate call to initiate Streamer process", again.detail());
        assertEquals("Default streaming thresholds are 3600 seconds and 1,048,576 bytes",
                node.node().processes().status("Streamer").details());
        assertTrue(node.ok("get streaming config").matches("(?s).*\r\nThreshold Time  \\| +3600\\|Running +\\|.*"));

        node.ok("set buffer threshold where dbms = tm and table = t and time = 1 second");
        append("tm", "t", "{\"x\":\"y\"}", 1);
        Path f = waitFor(name("tm", "t", "{\"x\":\"y\"}"));
        assertEquals("{\"x\":\"y\"}", Files.readString(f), "flushed by the streamer route without new data");
    }

    @Test
    void flushBuffersWritesEveryBufferNow() throws Exception {
        append("fl", "a", "{\"v\":1}", 1);
        append("fl", "b", "{\"v\":2}\n{\"v\":3}", 2);
        node.ok("flush buffers");
        assertEquals("{\"v\":1}", Files.readString(watch.resolve(name("fl", "a", "{\"v\":1}"))));
        assertEquals("{\"v\":2}\n{\"v\":3}", Files.readString(watch.resolve(name("fl", "b", "{\"v\":2}\n{\"v\":3}"))));
        assertEquals(2, node.exec("flush buffers now").code());
    }

    @Test
    void getStreamingTableAndJson() {
        append("gs", "t", "{\"v\":1}\n{\"v\":2}", 2);
        String table = node.ok("get streaming");
        String[] lines = table.split("\r\n", -1);
        assertEquals("", lines[0]);
        assertEquals("", lines[1]);
        assertEquals("Statistics", lines[2]);
        assertTrue(lines[3].matches(" +Put +Put +Streaming Streaming Cached Counter   Threshold  Buffer  Threshold"
                + " Time Left Last Process "), lines[3]);
        assertTrue(lines[4].matches("DBMS-Table +files Rows +Calls +Rows +Rows +Immediate Volume\\(KB\\) Fill\\(%\\)"
                + " Time\\(sec\\) \\(Sec\\) +HH:MM:SS +"), lines[4]);
        List<String> gs = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("gs.t ")) {
                gs.add(l);
            }
        }
        assertEquals(1, gs.size(), table);
        assertTrue(gs.get(0).matches("gs\\.t +\\| +0\\| +0\\| \\| +1\\| +2\\| +2\\| +0\\| +1048\\| +0\\.0\\| +3600\\|"
                + " +\\d+\\|\\d\\d:\\d\\d:\\d\\d +\\|"), gs.get(0));
        String json = node.ok("get streaming where format = json");
        assertTrue(json.contains("{\"table\": \"gs.t\", \"File Put\": 0, \"File Rows\": 0, \"Streaming Put\": 1, "
                + "\"Streaming Rows\": 2, \"Streaming Cached\": 2, \"Immediate\": 0, \"Threshold Volume\": 1048, "
                + "\"% Buffer Fill\": 0.0, \"Threshold Time\": 3600, \"Time Left\": "), json);
        node.ok("flush buffers");
    }
}
