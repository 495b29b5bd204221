package io.edgepublisher.node;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The interactive prompt {@code AL <node name> +> }, started only when stdin is a terminal. */
public final class Console implements Runnable {
    private final Node node;
    private final PrintStream out = System.out;

    public Console(Node node) {
        this.node = node;
    }

    public static boolean stdinIsTerminal() {
        return System.console() != null;
    }

    public void start() {
        Thread t = new Thread(this, "console");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        Session session = new Session(Source.CONSOLE, out::println);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            while (true) {
                out.print("\nAL " + node.name() + " +> ");
                out.flush();
                String line = in.readLine();
                if (line == null) {
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
            // stdin closed: the node keeps running without a console
        }
    }
}
