package io.edgepublisher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static List<String> words(String line) {
        return Tokenizer.tokenize(line).stream().map(Token::text).collect(Collectors.toList());
    }

    @Test
    void operatorsAreWordsEvenWithoutSpaces() {
        assertEquals(List.of("connect", "dbms", "almgm", "where", "type", "=", "!db_type", "and", "ip", "=", "!db_ip"),
            words("connect dbms almgm where type=!db_type and ip=!db_ip"));
        assertEquals(List.of("if", "!a", "!=", "b", "then", "x", "==", "y", "<=", "z", ">=", "w", "<", "v", ">", "u"),
            words("if !a!=b then x==y<=z>=w<v>u"));
        assertEquals(List.of("x", "=", "!a", "+", "-", "+", "!b"), words("x = !a+-+!b"));
    }

    @Test
    void bracketGroupsStayOneWord() {
        assertEquals(List.of("bring", "[operator][name]", "_", "[operator][port]"),
            words("bring [operator][name] _ [operator][port]"));
        assertEquals(List.of("dbms_name", "=", "file_name[0]"), words("dbms_name=file_name[0]"));
        assertEquals(List.of("p", "=", "{\"a b\": [1, {\"c\": \"}\"}]}"), words("p = {\"a b\": [1, {\"c\": \"}\"}]}"));
    }

    @Test
    void parenthesisStartingAWordIsOneWord() {
        List<Token> t = Tokenizer.tokenize("run client (10.0.0.7:32148, 10.0.0.8:32148) get status");
        assertEquals("(10.0.0.7:32148, 10.0.0.8:32148)", t.get(2).text());
        assertEquals(Token.Kind.PAREN, t.get(2).kind());
        assertEquals("get", t.get(3).text());
        assertEquals("topic", words("topic=(name = a and dbms = (x))").get(0));
        assertEquals("(name = a and dbms = (x))", words("topic=(name = a and dbms = (x))").get(2));
    }

    @Test
    void quotes() {
        List<Token> t = Tokenizer.tokenize("print \"a b = c\" 'd e' `f`");
        assertEquals("a b = c", t.get(1).text());
        assertEquals(Token.Kind.DOUBLE_QUOTED, t.get(1).kind());
        assertEquals("'d e'", t.get(2).text());
        assertEquals("`f`", t.get(3).text());
    }

    @Test
    void commentsEndTheLine() {
        assertEquals(List.of("get", "status"), words("get status   # ask the node"));
        assertEquals(List.of(), words("# nothing"));
        assertEquals(List.of("a#b"), words("a#b"));
    }

    @Test
    void unbalancedGroupsAreStructureErrors() {
        CommandException e = assertThrows(CommandException.class, () -> Tokenizer.tokenize("x = {\"a\": 1"));
        assertEquals(2, e.code());
        assertEquals(2, assertThrows(CommandException.class, () -> Tokenizer.tokenize("print \"open")).code());
        assertEquals(2, assertThrows(CommandException.class, () -> Tokenizer.tokenize("topic = (a = b")).code());
    }

    @Test
    void rawPositionsLetCommandsTakeTheRemainder() {
        String line = "run client (1.2.3.4:5)   blockchain push {\"a\": 1}";
        List<Token> t = Tokenizer.tokenize(line);
        assertEquals("blockchain push {\"a\": 1}", line.substring(t.get(3).start()));
    }
}
