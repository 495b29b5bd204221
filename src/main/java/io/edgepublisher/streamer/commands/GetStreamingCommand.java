package io.edgepublisher.streamer.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.config.Units;
import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.streamer.StreamerModule;
import io.edgepublisher.streamer.StreamerService;
import io.edgepublisher.streamer.TableStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code get streaming [where format = table|json]} (COMMANDS.md §4.25): one row per {@code dbms.table} with the PUT
 * and streaming counters since start and the state of its buffers. Column titles, value forms (thousands separators,
 * the volume in thousands of bytes, the fill rounded to two decimals, the time since the last data as
 * {@code HH:MM:SS}) are EdgeLake's.
 */
public final class GetStreamingCommand extends BaseCommand {
    static final List<String> TITLES = List.of("\nDBMS-Table", "Put\nfiles", "Put\nRows", " ", "Streaming\nCalls",
            "Streaming\nRows", "Cached\nRows", "Counter\nImmediate", "Threshold\nVolume(KB)", "Buffer\nFill(%)",
            "Threshold\nTime(sec)", "Time Left\n(Sec)", "Last Process\nHH:MM:SS");

    public GetStreamingCommand() {
        super(List.of("get streaming"), "get streaming [config] [where format = table|json]", Method.GET, true);
    }

    @Override
    public Output execute(CommandCall call) {
        boolean json = call.formatJson();
        StreamerService s = StreamerModule.service(call.node());
        long now = s.clock().millis();
        List<TableStatistics> stats = s.buffers().statistics(now);
        return Output.text(json ? json(stats, now) : table(stats, now));
    }

    static String table(List<TableStatistics> stats, long now) {
        List<List<Object>> rows = new ArrayList<>();
        for (TableStatistics t : stats) {
            rows.add(List.of(t.dbmsTable(), Units.withThousands(t.putFiles()), Units.withThousands(t.putRows()), "",
                    Units.withThousands(t.streamingCalls()), Units.withThousands(t.streamingRows()),
                    Units.withThousands(t.cachedRows()), "0", t.thresholdVolumeBytes() / 1000,
                    fill(t), t.thresholdTimeSeconds(), t.timeLeftSeconds(), sinceLast(t, now)));
        }
        return TableFormatter.of(TITLES).withHeader("\r\nStatistics").format(rows);
    }

    static String json(List<TableStatistics> stats, long now) {
        List<Object> out = new ArrayList<>();
        for (TableStatistics t : stats) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t.dbmsTable());
            m.put("File Put", t.putFiles());
            m.put("File Rows", t.putRows());
            m.put("Streaming Put", t.streamingCalls());
            m.put("Streaming Rows", t.streamingRows());
            m.put("Streaming Cached", t.cachedRows());
            m.put("Immediate", 0L);
            m.put("Threshold Volume", t.thresholdVolumeBytes() / 1000);
            m.put("% Buffer Fill", fill(t));
            m.put("Threshold Time", t.thresholdTimeSeconds());
            m.put("Time Left", t.timeLeftSeconds());
            m.put("Last Process", sinceLast(t, now));
            out.add(m);
        }
        return PyJson.dumps(out);
    }

    /** Percentage of the volume threshold in use, rounded to two decimals as EdgeLake does. */
    private static double fill(TableStatistics t) {
        return Math.round(t.bufferFillPercent() * 100) / 100.0;
    }

    /** Time since the table last received data, {@code HH:MM:SS}. */
    private static String sinceLast(TableStatistics t, long now) {
        long s = t.lastProcessMs() == 0 ? 0 : Math.max(0, (now - t.lastProcessMs()) / 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
