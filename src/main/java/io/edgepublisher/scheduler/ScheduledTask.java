package io.edgepublisher.scheduler;

/**
 * A task of a scheduler: a command line (user tasks, {@code schedule … task <command>}) or an action (system
 * housekeeping), run every {@code intervalMillis}.
 */
public final class ScheduledTask {
    private final String name;
    private final long intervalMillis;
    private final String command;
    private final Runnable action;
    private long nextRun;
    private long runs;
    private String lastResult = "";

    ScheduledTask(String name, long intervalMillis, String command, Runnable action, long firstRun) {
        this.name = name;
        this.intervalMillis = intervalMillis;
        this.command = command;
        this.action = action;
        this.nextRun = firstRun;
    }

    public String name() {
        return name;
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    public String command() {
        return command;
    }

    Runnable action() {
        return action;
    }

    boolean due(long now) {
        return now >= nextRun;
    }

    void ran(long now, String result) {
        runs++;
        lastResult = result;
        nextRun = now + intervalMillis;
    }

    public long runs() {
        return runs;
    }

    public String lastResult() {
        return lastResult;
    }

    public long nextRun() {
        return nextRun;
    }
}
