package io.edgepublisher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.node.Node;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpreterTest {
    private final Node node = TestNodes.plain(Map.of("NODE_NAME", "pub-1", "EMPTY_ONE", ""));
    private final Session session = new Session(Source.SCRIPT, null);

    private CommandResult run(String line) {
        return node.interpreter().execute(line, session);
    }

    private String get(String key) {
        return node.dictionary().get(key);
    }

    @Test
    void assignmentForms() {
        assertTrue(run("company_name = AnyLog Co.").isOk());
        assertEquals("AnyLog Co.", get("company_name"));
        run("set threshold_time = 60 seconds");
        assertEquals("60 seconds", get("threshold_time"));
        run("node_type = publisher");
        run("config_name = !node_type.name + - + !company_name.name + -configs");
        assertEquals("publisher-anylog_co.-configs", get("config_name"));
        run("x = \"\"");
        assertEquals("", get("x"));
        run("node_name = $NODE_NAME");
        assertEquals("pub-1", get("node_name"));
        run("host = get hostname");
        assertFalse(get("host").isEmpty());
        run("$MY_VAR = hello");
        run("y = $MY_VAR");
        assertEquals("hello", get("y"));
    }

    /** An unknown command keeps error 1 and, when a command is close to what was typed, names it. */
    @Test
    void aTypoSuggestsTheClosestCommand() {
        CommandResult r = run("get stauts");
        assertEquals(1, r.code());
        assertEquals("Command 'get stauts' not recognized; did you mean 'get status'?", r.detail());
        assertEquals("Command 'get proceses where format = json' not recognized; did you mean 'get processes'?",
            run("get proceses where format = json").detail());
        assertEquals("Command 'get hostnme' not recognized; did you mean 'get hostname'?", run("get hostnme").detail());
        assertEquals("Command 'frobnicate the widgets' not recognized", run("frobnicate the widgets").detail());
        assertEquals("Command 'get nothing' not recognized", run("get nothing").detail(), "too far from every command");
    }

    @Test
    void undefinedRightHandSideSkipsTheAssignment() {
        run("node_name = keep");
        assertTrue(run("node_name = $NOT_SET_ANYWHERE").isOk());
        assertEquals("keep", get("node_name"));
        assertTrue(run("node_name = !undefined_key").isOk());
        assertEquals("keep", get("node_name"));
    }

    @Test
    void jsonAssignmentSubstitutesTypedVariables() {
        run("node_name = anylog-publisher");
        run("anylog_server_port = 32248");
        assertTrue(run("p = {\"publisher\": {\"name\": !node_name, \"port\": !anylog_server_port.int, \"note\": \"at !node_name\"}}").isOk());
        assertEquals("{\"publisher\": {\"name\": \"anylog-publisher\", \"port\": 32248, \"note\": \"at anylog-publisher\"}}", get("p"));
        CommandResult bad = run("q = {\"a\": }");
        assertEquals(6, bad.code());
    }

    @Test
    void errorsHaveTheSpecCodes() {
        assertEquals(1, run("frobnicate the widgets").code());
        CommandResult r = run("set node name !nope");
        assertEquals(138, r.code());
        assertTrue(r.detail().contains("!nope"));
        assertEquals(181, run("if !a == then print x").code());
        assertEquals(181, run("if !a == 1 print x").code());
        assertEquals(2, run("get status where format = xml").code());
        assertEquals(2, run("get status where colour = red").code());
    }

    @Test
    void typedSuffixFailureIs175() {
        run("k = abc");
        assertEquals(175, run("set node name !k.int").code());
        run("n = 12");
        assertTrue(run("set node name n!n.int").isOk());
    }

    @Test
    void ifThenDoElse() {
        run("a = 5");
        run("if !a > 3 then r1 = yes");
        assertEquals("yes", get("r1"));
        run("if !a > 10 then");
        run("do r2 = wrong");
        run("else r2 = right");
        assertEquals("right", get("r2"));
        run("if !a == 5 and not !missing then r3 = ok");
        assertEquals("ok", get("r3"));
        run("if !missing then r4 = wrong");
        assertNull(get("r4"));
        run("if (!a < 2 or !a >= 5) and 10 > 9 then r5 = ok");
        assertEquals("ok", get("r5"));
        run("b = abc");
        run("if !b.int > 0 then r6 = wrong");
        assertNull(get("r6"));
        run("if !a == 4 then r7 = no");
        run("else if !a == 5 then r7 = five");
        assertEquals("five", get("r7"));
    }

    @Test
    void doWithoutAPrecedingIfRunsUnconditionally() {
        run("if 1 == 2 then");
        run("x = 1");
        assertTrue(run("do d = ran").isOk());
        assertEquals("ran", get("d"));
    }

    @Test
    void getStatusUsesTheNodeName() {
        run("set node name anylog-publisher");
        node.dictionary().put("external_ip", "203.0.113.10");
        node.dictionary().put("anylog_server_port", "32248");
        assertEquals("anylog-publisher@203.0.113.10:32248 running", run("get status").output());
        assertEquals("{\"assigned_name\": \"anylog-publisher@203.0.113.10:32248\", \"status\": \"running\", \"profiling\": false}",
            run("get status where format = json").output());
    }

    @Test
    void dictionaryHidesSecrets() {
        run("db_passwd = s3cret");
        String out = run("get dictionary").output();
        assertTrue(out.contains("db_passwd"));
        assertFalse(out.contains("s3cret"));
    }
}
