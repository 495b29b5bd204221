package io.edgepublisher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The jar's own switches: --script FILE, --no-cli, --KEY=value. */
class LaunchOptionsTest {
    private static final String NO_FILE = "--script needs the file of the boot script to run: --script FILE (or set"
        + " EP_BOOT_SCRIPT); without it the bundled boot script runs";

    @Test
    void scriptTakesAFile() {
        LaunchOptions o = LaunchOptions.parse(new String[] {"--no-cli", "--script", "boot.al", "--NODE_NAME=x"});
        assertEquals("boot.al", o.script());
        assertTrue(o.noCli());
        assertEquals(List.of("--NODE_NAME=x"), o.settingArgs());
        assertEquals("b.al", LaunchOptions.parse(new String[] {"--script=b.al"}).script());
    }

    @Test
    void scriptWithoutAFileSaysTheFileIsMissing() {
        for (String[] args : new String[][] {{"--script"}, {"--script", "--no-cli"}, {"--script="}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(args));
            assertEquals(NO_FILE, e.getMessage(), String.join(" ", args));
        }
        assertEquals("Unknown argument 'boot.al' (try --help)", assertThrows(IllegalArgumentException.class,
            () -> LaunchOptions.parse(new String[] {"boot.al"})).getMessage());
    }
}
