package io.edgepublisher.node;

import io.edgepublisher.command.CommandRegistry;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Interpreter;
import io.edgepublisher.command.ScriptRunner;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import io.edgepublisher.command.VariableResolver;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.NodeDirectories;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;

/**
 * The running node as commands see it: its dictionary, command table, interpreter, folders, the Camel context its
 * routes run in and the process table behind {@code get processes}. The capabilities' services are beans in the
 * context's registry ({@link #registry()}, looked up with {@link Beans}); their start and stop steps are Camel
 * lifecycle callbacks ({@link Lifecycle}). Nothing here knows their types.
 */
public final class Node {
    private final Dictionary dictionary;
    private final VariableResolver resolver;
    private final CommandRegistry commands = new CommandRegistry();
    private final Interpreter interpreter;
    private final ScriptRunner scripts;
    private final ProcessTable processes = new ProcessTable();
    private final NodeDirectories dirs;
    private final Clock clock;
    private final Instant started;
    private final Registry registry = new DefaultRegistry();
    private final QueryPool queryPool = new QueryPool(3);
    private volatile CamelContext camel;
    private volatile String name = "AnyLog";
    private volatile ExitHandler exitHandler = (rc, reason) -> { };
    private final java.util.List<Runnable> readyHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<org.apache.camel.CamelConfiguration> configurations =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean exiting;
    private volatile int exitStatus;
    private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);

    public Node(Dictionary dictionary, NodeDirectories dirs, Map<String, String> processEnv, Clock clock) {
        this.dictionary = dictionary;
        this.dirs = dirs;
        this.clock = clock;
        this.started = clock.instant();
        this.resolver = new VariableResolver(dictionary, processEnv);
        this.interpreter = new Interpreter(this);
        this.scripts = new ScriptRunner(interpreter);
        processes.register("Query Pool", () -> ProcessStatus.running("Threads Pool: " + queryPool.size()));
        configurations.add(queryPool);
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    public VariableResolver resolver() {
        return resolver;
    }

    public CommandRegistry commands() {
        return commands;
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    public ScriptRunner scripts() {
        return scripts;
    }

    public ProcessTable processes() {
        return processes;
    }

    /** The node's folders; null only in unit tests that do not need any. */
    public NodeDirectories dirs() {
        return dirs;
    }

    public Clock clock() {
        return clock;
    }

    public Instant started() {
        return started;
    }

    public QueryPool queryPool() {
        return queryPool;
    }

    public CamelContext camel() {
        return camel;
    }

    public void camel(CamelContext context) {
        this.camel = context;
    }

    /** The name set by {@code set node name}; {@code AnyLog} until then, as on EdgeLake. */
    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
        // The log pattern reads it per event, so every thread's lines carry the node name.
        System.setProperty("ep.node.name", name);
    }

    /**
     * The Camel registry of this node: {@link NodeLauncher} makes it the registry of the Camel context, so the beans
     * the capabilities bind at install ({@link Beans#bind}) are the context's beans (routes, {@code @BeanInject},
     * JMX see them), and command tests without a context find them too.
     */
    public Registry registry() {
        return registry;
    }

    /**
     * A capability's Camel wiring (components, beans, routes declared at boot): given to camel-main, which applies
     * it before the context starts, so its routes are in the startup route dump.
     */
    public void configuration(org.apache.camel.CamelConfiguration configuration) {
        configurations.add(configuration);
    }

    public java.util.List<org.apache.camel.CamelConfiguration> configurations() {
        return java.util.List.copyOf(configurations);
    }

    /**
     * Runs when the boot script finished (boot phase 3), before the node reports ready: the system scheduler, user
     * routes. This is the node's own phase (the boot script is not Camel's), so it is not a Camel lifecycle event.
     */
    public void onReady(Runnable hook) {
        readyHooks.add(hook);
    }

    private volatile boolean booting;
    private final java.util.concurrent.CountDownLatch bootEnded = new java.util.concurrent.CountDownLatch(1);
    private volatile long bootStartNanos;
    private volatile long bootEndNanos;

    /** The boot (phase-0 steps, then the deployment script) begins; {@link #markReady} ends it. */
    public void bootStarting() {
        bootStartNanos = System.nanoTime();
        booting = true;
    }

    /** True from the start of the boot until the ready hooks (user routes) have run. */
    public boolean booting() {
        return booting;
    }

    /** Boot finished: the deployment script ran to its end. */
    public void markReady() {
        for (Runnable r : readyHooks) {
            try {
                r.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Node.class).warn("Ready step failed", e);
            }
        }
        booting = false;
        bootEndNanos = System.nanoTime();
        ready.countDown();
        bootFinished();
    }

    /** The boot ended, ready or not (a failed boot stops the node): commands waiting for it go on. */
    public void bootFinished() {
        if (bootEndNanos == 0) {
            bootEndNanos = System.nanoTime();
        }
        bootEnded.countDown();
    }

    /** Waits until the boot ended (ready or failed); false when it still runs after {@code millis}. */
    public boolean awaitBootEnd(long millis) throws InterruptedException {
        return bootEnded.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** How long the boot (phase-0 steps and script) took, in milliseconds; -1 while it runs or before it started. */
    public long bootMillis() {
        long end = bootEndNanos;
        return end == 0 || bootStartNanos == 0 ? -1 : (end - bootStartNanos) / 1_000_000;
    }

    /** True once the boot script ran to its end (and until the node stops). */
    public boolean ready() {
        return ready.getCount() == 0;
    }

    public boolean awaitReady(long millis) throws InterruptedException {
        return ready.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The status the node exits with once it stopped ({@link #exiting}); 0 before. */
    public int exitStatus() {
        return exitStatus;
    }

    /** True once {@code exit node} (or a failed boot) asked the node to stop. */
    public boolean exiting() {
        return exiting;
    }

    /** What stops the node: the exit status and why (for the log). */
    @FunctionalInterface
    public interface ExitHandler {
        void exit(int rc, String reason);
    }

    public void onExit(ExitHandler handler) {
        this.exitHandler = handler;
    }

    /** {@code exit node <rc>}: graceful shutdown, then the process exits with rc. */
    public void exit(int rc) {
        exit(rc, "exit node " + rc);
    }

    /** Graceful shutdown, then the process exits with rc; {@code reason} says why in the log (e.g. SIGTERM). */
    public synchronized void exit(int rc, String reason) {
        if (!exiting) {
            exitStatus = rc; // the first request to stop decides the status
        }
        exiting = true;
        exitHandler.exit(rc, reason);
    }

    /** Runs one command line in a fresh session; used by schedulers, REST and peers. */
    public CommandResult execute(String line, Source source) {
        return interpreter.execute(line, new Session(source, null));
    }
}
