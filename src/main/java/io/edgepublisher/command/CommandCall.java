package io.edgepublisher.command;

import io.edgepublisher.node.Node;
import java.util.List;
import java.util.Set;

/** One invocation of a command: the words after its keyword phrase, the node, and the caller's session. */
public final class CommandCall {
    private final Node node;
    private final Session session;
    private final String line;
    private final String name;
    private final List<Token> tokens;
    private final int argStart;

    public CommandCall(Node node, Session session, String line, String name, List<Token> tokens, int argStart) {
        this.node = node;
        this.session = session;
        this.line = line;
        this.name = name;
        this.tokens = tokens;
        this.argStart = argStart;
    }

    public Node node() {
        return node;
    }

    public Session session() {
        return session;
    }

    public String line() {
        return line;
    }

    /** The keyword phrase the line matched. */
    public String name() {
        return name;
    }

    public List<Token> args() {
        return tokens.subList(argStart, tokens.size());
    }

    public int argCount() {
        return tokens.size() - argStart;
    }

    public Token arg(int i) {
        return tokens.get(argStart + i);
    }

    /** The source text after the keyword phrase, unchanged. */
    public String rawArgs() {
        if (argStart >= tokens.size()) {
            return "";
        }
        return line.substring(tokens.get(argStart).start()).trim();
    }

    /** The source text from argument {@code i} on, unchanged. */
    public String rawFrom(int i) {
        if (argStart + i >= tokens.size()) {
            return "";
        }
        return line.substring(tokens.get(argStart + i).start()).trim();
    }

    public VariableResolver resolver() {
        return node.resolver();
    }

    /** Argument {@code i} with variables resolved; undefined variables fail with 138. */
    public String word(int i) {
        return resolver().resolveRequired(arg(i));
    }

    public void noArgs() {
        if (argCount() != 0) {
            throw structure("'" + name + "' takes no arguments");
        }
    }

    /** True when the arguments start with the word {@code where}. */
    public boolean hasWhere() {
        return argCount() > 0 && arg(0).is("where");
    }

    /** Parses {@code where …} (or nothing) against the spec. */
    public Options where(OptionSpec spec) {
        if (argCount() == 0) {
            return spec.parse(WhereList.empty());
        }
        if (!arg(0).is("where")) {
            throw structure("Expected 'where' after '" + name + "', got '" + arg(0).text() + "'");
        }
        return spec.parse(WhereParser.parse(tokens, argStart + 1, resolver(), name));
    }

    /** Parses {@code [where] key = value and …} up to one of the stop words; returns where parsing stopped. */
    public WhereParser.Result whereUntil(Set<String> stopWords) {
        int from = argStart + (argCount() > 0 && arg(0).is("where") ? 1 : 0);
        return WhereParser.parse(tokens, from, resolver(), name, stopWords);
    }

    public List<Token> allTokens() {
        return tokens;
    }

    public int argStart() {
        return argStart;
    }

    /** For commands that only take {@code [where format = table|json]}: true for json. */
    public boolean formatJson() {
        Options o = where(OptionSpec.of(name).key("format", OptionSpec.Type.TEXT));
        String f = o.text("format", "table");
        if (!f.equalsIgnoreCase("json") && !f.equalsIgnoreCase("table")) {
            throw structure("Key 'format' in '" + name + "' needs table or json, got '" + f + "'");
        }
        return f.equalsIgnoreCase("json");
    }

    public CommandException structure(String detail) {
        return new CommandException(ErrorCode.COMMAND_STRUCTURE, detail);
    }
}
