package io.edgepublisher.node;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The interactive prompt {@code AL <node name> +> }, started only when stdin is a terminal. */
public final class Console implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.boot");

    private final Node node;
    private final InputStream in;
    private final PrintStream out;

    public Console(Node node) {
        this(node, System.in, System.out);
    }

    Console(Node node, InputStream in, PrintStream out) {
        this.node = node;
        this.in = in;
        this.out = out;
    }

    public static boolean stdinIsTerminal() {
        return System.console() != null;
    }

    public void start() {
        // Private thread: it blocks reading stdin, which cannot be interrupted, so a Camel pool could never end it.
        Thread t = new Thread(this, "console");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        Session session = new Session(Source.CONSOLE, out::println);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            while (true) {
                out.print("\nAL " + node.name() + " +> ");
                out.flush();
                String line = reader.readLine();
                if (line == null) {
                    closed(" by Ctrl-D (end of input)");
                    return;
                }
                if (line.isBlank()) {
                    continue;
                }
                CommandResult r = node.interpreter().execute(line, session);
                if (r.isError()) {
                    out.println(r.describe());
                } else if (r.output() != null) {
                    out.print(r.output());
                    out.println();
                }
            }
        } catch (IOException e) {
            closed(": standard input failed (" + e.getMessage() + ")");
        }
    }

    /** The prompt is gone but the node runs on: say so, and how to stop or reach it. */
    private void closed(String why) {
        if (node.exiting()) {
            return;
        }
        String text = "Console closed" + why + ". The node keeps running: " + howToStop(node);
        out.println();
        out.println(text);
        out.flush();
        LOG.info("{}", text);
    }

    /** Ctrl-C, SIGTERM with this process id, or {@code exit node} over REST when it runs. */
    static String howToStop(Node node) {
        StringBuilder sb = new StringBuilder("stop it with Ctrl-C, with 'kill ")
            .append(ProcessHandle.current().pid()).append("' (SIGTERM)");
        String port = node.dictionary().get("anylog_rest_port");
        if (port != null && node.processes().status("REST").statusText().equals("Running")) {
            // REST answers on 127.0.0.1 with both bind settings
            sb.append(", or over REST: curl -X POST ").append("true".equals(node.dictionary().get("rest_ssl"))
                ? "-k https://" : "").append("127.0.0.1:").append(port)
                .append(" -H \"User-Agent: AnyLog/1.23\" -H \"command: exit node\"");
        }
        return sb.append('.').toString();
    }
}
