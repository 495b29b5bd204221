package io.edgepublisher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgepublisher.node.commands.GetProcessesCommand;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetProcessesGoldenTest {
    /** The complete example of COMMANDS.md §4.23 (the seed's deployment, REST with SSL: False): 1,923 bytes. */
    @Test
    void seedExampleByteForByte() {
        Map<String, ProcessStatus> rows = new LinkedHashMap<>();
        rows.put("TCP", ProcessStatus.running("Listening on: 172.104.180.110:32248, Threads Pool: 6"));
        rows.put("REST", ProcessStatus.running("Listening on: 172.104.180.110:32249, Threads Pool: 5, Timeout: 20, SSL: False"));
        rows.put("Operator", ProcessStatus.notDeclared(""));
        rows.put("Publisher", ProcessStatus.running(""));
        rows.put("Blockchain Sync", ProcessStatus.running("Sync every 30 seconds with master using: 45.79.74.39:32048"));
        rows.put("Scheduler", ProcessStatus.running("Schedulers IDs in use: [0 (system)] [1 (user)]"));
        rows.put("Distributor", ProcessStatus.notDeclared(""));
        rows.put("Blobs Archiver", ProcessStatus.notDeclared(""));
        rows.put("Consumer", ProcessStatus.notDeclared(""));
        rows.put("MQTT", ProcessStatus.running(""));
        rows.put("Message Broker", ProcessStatus.running("Listening on: 172.104.180.110:32250, Threads Pool: 4"));
        rows.put("SMTP", ProcessStatus.notDeclared(""));
        rows.put("Streamer", ProcessStatus.running("Default streaming thresholds are 60 seconds and 10,240 bytes"));
        rows.put("Query Pool", ProcessStatus.running("Threads Pool: 3"));
        rows.put("Kafka Consumer", ProcessStatus.notDeclared(""));
        String out = GetProcessesCommand.table(rows);
        String expected = "\r\n"
            + "    Process         Status       Details                                                                       \r\n"
            + "    ---------------|------------|-----------------------------------------------------------------------------|\r\n"
            + "    TCP            |Running     |Listening on: 172.104.180.110:32248, Threads Pool: 6                         |\r\n"
            + "    REST           |Running     |Listening on: 172.104.180.110:32249, Threads Pool: 5, Timeout: 20, SSL: False|\r\n"
            + "    Operator       |Not declared|                                                                             |\r\n"
            + "    Publisher      |Running     |                                                                             |\r\n"
            + "    Blockchain Sync|Running     |Sync every 30 seconds with master using: 45.79.74.39:32048                   |\r\n"
            + "    Scheduler      |Running     |Schedulers IDs in use: [0 (system)] [1 (user)]                               |\r\n"
            + "    Distributor    |Not declared|                                                                             |\r\n"
            + "    Blobs Archiver |Not declared|                                                                             |\r\n"
            + "    Consumer       |Not declared|                                                                             |\r\n"
            + "    MQTT           |Running     |                                                                             |\r\n"
            + "    Message Broker |Running     |Listening on: 172.104.180.110:32250, Threads Pool: 4                         |\r\n"
            + "    SMTP           |Not declared|                                                                             |\r\n"
            + "    Streamer       |Running     |Default streaming thresholds are 60 seconds and 10,240 bytes                 |\r\n"
            + "    Query Pool     |Running     |Threads Pool: 3                                                              |\r\n"
            + "    Kafka Consumer |Not declared|                                                                             |\r\n";
        assertEquals(expected, out);
        assertEquals(1923, out.getBytes(StandardCharsets.UTF_8).length);
    }
}
