package io.edgepublisher.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a background thread from the first line of {@code main}, the classes a boot needs (the bundled list
 * {@code boot/prewarm-classes.txt}, in the order a boot loads them), so that the main thread finds most of them
 * already read from the jar and defined while it builds the Camel context. A plain {@code java -jar} has no class-data
 * sharing archive, and reading ~4,000 classes from the jar was about a third of the main thread's work before ready.
 * Classes are loaded without being initialised: no static initialiser runs here, so the order of initialisation (and
 * its side effects, such as logging set-up) stays the main thread's. A name that no longer exists is skipped: a stale
 * list costs only its own lines. The list is remade by {@code scripts/prewarm-classes.sh}.
 */
public final class ClassPrewarm {
    static final String LIST = "/boot/prewarm-classes.txt";
    /** {@code -Dedgepublisher.class-prewarm=false} turns it off (the training run of the script). */
    static final String SWITCH = "edgepublisher.class-prewarm";

    private ClassPrewarm() {
    }

    /** Starts the loader thread; returns at once. */
    public static void start() {
        if ("false".equals(System.getProperty(SWITCH))) {
            return;
        }
        // A private thread on purpose: it starts before anything else exists (Camel, its thread pools) and ends with
        // the list. A daemon, so that it never holds up an early exit (a usage error, a fatal setting).
        Thread t = new Thread(ClassPrewarm::loadAll, "class-prewarm");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    /** Loads every class of the bundled list that exists; returns how many it loaded. */
    static int loadAll() {
        try (InputStream in = ClassPrewarm.class.getResourceAsStream(LIST)) {
            return in == null ? 0 : load(in, ClassPrewarm.class.getClassLoader());
        } catch (IOException e) {
            return 0; // a read error only means fewer classes prepared ahead
        }
    }

    /** Loads (without initialising) each class named in {@code list}, one per line, {@code #} for comments. */
    static int load(InputStream list, ClassLoader loader) throws IOException {
        int loaded = 0;
        BufferedReader r = new BufferedReader(new InputStreamReader(list, StandardCharsets.US_ASCII));
        for (String name = r.readLine(); name != null; name = r.readLine()) {
            if (name.isEmpty() || name.charAt(0) == '#') {
                continue;
            }
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // not on this class path (a stale list, an optional library): the main thread decides if it matters
            }
        }
        return loaded;
    }
}
