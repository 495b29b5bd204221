package io.edgepublisher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The boot's class list is loaded ahead without running static initialisers, and it matches the class path. */
class ClassPrewarmTest {
    static final class InitialisedFlag {
        static volatile boolean set;
    }

    static final class WithInitialiser {
        static {
            InitialisedFlag.set = true;
        }
    }

    @Test
    void loadsTheNamedClassesWithoutInitialisingThemAndSkipsUnknownNames() throws IOException {
        String list = "# comment\n\n" + WithInitialiser.class.getName() + "\nno.such.Clazz\njava.util.zip.CRC32C\n";
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) { };
        int n = ClassPrewarm.load(new ByteArrayInputStream(list.getBytes(StandardCharsets.US_ASCII)), loader);
        assertEquals(2, n);
        assertFalse(InitialisedFlag.set, "a static initialiser ran on the prewarm thread");
    }

    /** A list gone stale (renamed classes, dropped libraries) would quietly prepare nothing: remake it then. */
    @Test
    void theBundledListNamesClassesOfThisClassPath() throws IOException {
        List<String> names;
        try (InputStream in = ClassPrewarm.class.getResourceAsStream(ClassPrewarm.LIST)) {
            assertNotNull(in, ClassPrewarm.LIST + " is not bundled");
            names = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
        assertTrue(names.size() > 1000, "only " + names.size() + " classes listed");
        int loaded = ClassPrewarm.loadAll();
        assertTrue(loaded >= names.size() * 95 / 100, loaded + " of " + names.size()
            + " listed classes exist: run scripts/prewarm-classes.sh and rebuild");
    }
}
