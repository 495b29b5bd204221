package io.edgepublisher.ledger.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgepublisher.command.CommandException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyQueryErrorsTest {
    private static CommandException error(String command) {
        return assertThrows(CommandException.class, () -> PolicyQueryTest.get(command), command);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "operator where|2",
        "operator where name|2",
        "operator where name =|2",
        "operator where name = a and|2",
        "operator where name = a bring|2",
        "operator where name ~ a|2",
        "operator where name = a nand name = b|2",
        "operator where name = a or name = b|237",
        "operator where or|237",
        "operator where (name = a)|237",
        "operator extra|2",
        "operator where name = a extra|2",
        "(master|2",
        "()|2",
        "operator bring|2",
        "operator bring.sort(name) [operator][name]|237",
        "operator bring.sort|237",
        "operator bring.list [operator][name]|237",
        "operator bring.null [operator][name]|237",
        "operator bring.children|237",
        "operator bring.foo|2",
        "operator bring. [operator][name]|2",
        "operator bring [operator][name] separator =|2",
        "operator where name[x = 1|2",
        "operator where [name]x = 1|2",
    })
    void rejected(String command, int code) {
        assertEquals(code, error(command).code());
    }

    @Test
    void details() {
        assertEquals("Unrecognized 'bring' directive: 'bring.json.foo'", error("operator bring.json.foo").detail());
        assertEquals("Missing policy type after: 'blockchain get'",
            assertThrows(CommandException.class, () -> PolicyQuery.parse(List.of())).detail());
        assertEquals("Unknown operator '~' in 'where' condition", error("operator where name ~ a").detail());
        assertEquals("'bring.sort(name)' is not supported", error("operator bring.sort(name)").detail());
    }
}
