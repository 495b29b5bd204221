package io.edgepublisher.scheduler;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.WhereParser;
import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.commands.SimpleCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code run scheduler}, {@code schedule … task <command>} and {@code get schedule} (COMMANDS.md §4.8). */
public final class SchedulerModule {
    private static final OptionSpec SCHEDULE = OptionSpec.of("schedule")
        .key("id", OptionSpec.Type.INT).key("time", OptionSpec.Type.TIME).key("name", OptionSpec.Type.TEXT)
        .key("start", OptionSpec.Type.TEXT);

    private SchedulerModule() {
    }

    public static void install(Node node) {
        SchedulerService service = new SchedulerService(node);
        Beans.bind(node, SchedulerService.class, service);
        node.configuration(new SchedulerConfiguration(service));
        // Nothing at boot waits for the system scheduler (its tasks are daily housekeeping): its route, declared
        // stopped, starts once the boot script is through.
        node.onReady(() -> service.start(0));
        node.commands().register(new SimpleCommand(List.of("run scheduler"), "run scheduler [<id>]", Method.POST, false,
            c -> {
                int id = 1;
                if (c.argCount() == 1) {
                    try {
                        id = Integer.parseInt(c.word(0));
                    } catch (NumberFormatException e) {
                        throw c.structure("'run scheduler' takes a scheduler id (1 or more), got '" + c.word(0) + "'");
                    }
                } else if (c.argCount() > 1) {
                    throw c.structure("Use: run scheduler [<id>]");
                }
                if (id < 1) {
                    throw c.structure("Scheduler 0 is the system scheduler and always runs; use an id of 1 or more");
                }
                service.start(id);
                return Output.none();
            }));
        node.commands().register(new SimpleCommand(List.of("schedule"),
            "schedule [id = <n> and] time = <n unit> and name = <name> task <command>", Method.POST, false, c -> {
                WhereParser.Result r = c.whereUntil(Set.of("task"));
                Options o = SCHEDULE.parse(r.list());
                int end = r.end();
                if (end >= c.allTokens().size() || end + 1 >= c.allTokens().size()) {
                    throw c.structure("Missing 'task <command>' in 'schedule'");
                }
                String command = c.line().substring(c.allTokens().get(end + 1).start()).trim();
                long seconds = o.seconds("time", -1);
                if (seconds < 1) {
                    throw seconds < 0 ? o.missing("time") : c.structure("Schedule time must be at least 1 second");
                }
                int id = o.integer("id", 1);
                if (id < 1) {
                    throw c.structure("Tasks run on user schedulers (id 1 or more)");
                }
                String name = o.text("name", command);
                service.addUserTask(id, name, seconds * 1000, command, System.currentTimeMillis());
                return Output.none();
            }));
        node.commands().register(new SimpleCommand(List.of("get schedule", "get scheduler"),
            "get schedule [where id = <n>]", Method.GET, false, c -> {
                Options o = c.where(OptionSpec.of(c.name()).key("id", OptionSpec.Type.INT));
                int id = o.integer("id", 1);
                if (!service.isRunning(id) && service.scheduler(id).tasks().isEmpty()) {
                    throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Scheduler " + id + " is not running");
                }
                List<List<Object>> rows = new ArrayList<>();
                for (ScheduledTask t : service.scheduler(id).tasks()) {
                    rows.add(List.of(t.name(), t.intervalMillis() / 1000, t.runs(),
                        Instant.ofEpochMilli(t.nextRun()).toString(), t.command() == null ? "" : t.command(),
                        t.lastResult()));
                }
                return Output.text(TableFormatter.of(
                    List.of("Name", "Every (sec)", "Runs", "Next run", "Command", "Last result"))
                    .withHeader("Scheduler " + id).format(rows));
            }));
    }
}
