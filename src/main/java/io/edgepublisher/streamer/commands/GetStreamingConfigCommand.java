package io.edgepublisher.streamer.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.config.Units;
import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.node.Routes;
import io.edgepublisher.streamer.StreamerModule;
import io.edgepublisher.streamer.StreamerService;
import io.edgepublisher.streamer.Thresholds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code get streaming config [where format = table|json]} (COMMANDS.md §4.25): the global thresholds, whether the
 * streamer runs, buffered and last-flushed rows, then the scoped thresholds as a {@code Table   Time / Volume} list.
 */
public final class GetStreamingConfigCommand extends BaseCommand {
    public GetStreamingConfigCommand() {
        super(List.of("get streaming config"), "get streaming config [where format = table|json]", Method.GET, true);
    }

    @Override
    public Output execute(CommandCall call) {
        boolean json = call.formatJson();
        StreamerService s = StreamerModule.service(call.node());
        boolean running = Routes.isStarted(call.node(), StreamerService.ROUTE_ID);
        Thresholds g = s.thresholds().global();
        long buffered = s.buffers().bufferedRows();
        long flushed = s.buffers().lastFlushRows();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", running ? "Running" : "Not Running");
            m.put("Threshold_Time", g.timeSeconds());
            m.put("Threshold_Volume", g.volumeBytes());
            m.put("Write_Immediate", s.writeImmediateRequested());
            m.put("Buffered_Rows", buffered);
            m.put("Flushed_Rows", flushed);
            return Output.text(PyJson.dumps(m));
        }
        String text = TableFormatter.of(List.of("Threshold", "Value", "Streamer")).withHeader("Flush Thresholds")
                .format(List.of(
                        List.of("Threshold Time", g.timeSeconds(), running ? "Running" : "Not Running"),
                        List.of("Threshold Volume", Units.withThousands(g.volumeBytes()), ""),
                        List.of("Write Immediate", s.writeImmediateRequested() ? "True" : "False", ""),
                        List.of("Buffered Rows", Units.withThousands(buffered), ""),
                        List.of("Flushed Rows", Units.withThousands(flushed), "")));
        Map<String, Thresholds> scoped = s.thresholds().scoped();
        return Output.text(scoped.isEmpty() ? text : text + scopedList(scoped));
    }

    /** EdgeLake's key/value list: titles, dashes, then {@code <scope padded> : <time> / <volume>} per entry. */
    static String scopedList(Map<String, Thresholds> scoped) {
        int longest = "Table".length();
        for (String k : scoped.keySet()) {
            longest = Math.max(longest, k.length());
        }
        int w = longest;
        String title2 = "Time / Volume";
        StringBuilder sb = new StringBuilder("\r\n").append(pad("Table", w)).append("   ").append(title2).append("\r\n")
                .append("-".repeat(w)).append("   ").append("-".repeat(title2.length())).append("\r\n");
        scoped.forEach((k, t) -> sb.append(pad(k, w)).append(" : ").append(t.timeSeconds()).append(" / ")
                .append(Units.withThousands(t.volumeBytes())).append("\r\n"));
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
