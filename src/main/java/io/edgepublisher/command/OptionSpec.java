package io.edgepublisher.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys a command accepts in its {@code where} list, with their types (COMMANDS.md §1.6) and whether they may
 * repeat. {@link #parse} checks a {@link WhereList} against it: unknown keys, repeated keys and badly typed values
 * fail with 2 and a detail naming the key and the command.
 */
public final class OptionSpec {
    public enum Type {
        TEXT, INT, BOOL, TIME, STORAGE, IP_PORT, FILE_INDEX, LIST, ANY
    }

    record Key(String name, Type type, boolean repeatable) {
    }

    private final String command;
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    private OptionSpec(String command) {
        this.command = command;
    }

    public static OptionSpec of(String command) {
        return new OptionSpec(command);
    }

    public OptionSpec key(String name, Type type) {
        keys.put(name, new Key(name, type, false));
        return this;
    }

    public OptionSpec repeatable(String name, Type type) {
        keys.put(name, new Key(name, type, true));
        return this;
    }

    public OptionSpec alias(String alias, String name) {
        aliases.put(alias, name);
        return this;
    }

    public String command() {
        return command;
    }

    public Options parse(WhereList where) {
        Map<String, java.util.List<WherePair>> found = new LinkedHashMap<>();
        for (WherePair p : where.pairs()) {
            String name = aliases.getOrDefault(p.key(), p.key());
            Key k = keys.get(name);
            if (k == null) {
                throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Unknown key '" + p.key() + "' in '" + command + "'");
            }
            java.util.List<WherePair> list = found.computeIfAbsent(name, x -> new java.util.ArrayList<>());
            if (!list.isEmpty() && !k.repeatable()) {
                throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                    "Key '" + p.key() + "' is given twice in '" + command + "'");
            }
            check(k, p);
            list.add(p);
        }
        return new Options(command, found);
    }

    private void check(Key k, WherePair p) {
        if (k.type() == Type.LIST) {
            if (!p.isList()) {
                throw bad(k, p, "a parenthesised list (key = value and …)");
            }
            return;
        }
        if (p.isList() && k.type() != Type.ANY) {
            throw bad(k, p, "a single value, not a list");
        }
        String v = p.value();
        switch (k.type()) {
            case INT:
                if (Options.parseInt(v) == null) {
                    throw bad(k, p, "an integer");
                }
                break;
            case BOOL:
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw bad(k, p, "true or false");
                }
                break;
            case TIME:
                if (io.edgepublisher.config.Units.parseTimeSeconds(v) < 0) {
                    throw bad(k, p, "a time such as '30 seconds' (units: seconds, minutes, hours, days)");
                }
                break;
            case STORAGE:
                if (io.edgepublisher.config.Units.parseStorageBytes(v) < 0) {
                    throw bad(k, p, "a size such as 10KB or 1048576");
                }
                break;
            case IP_PORT:
                if (!Options.isIpPort(v)) {
                    throw bad(k, p, "ip:port");
                }
                break;
            case FILE_INDEX:
                if (Options.parseFileIndex(v) == null) {
                    throw bad(k, p, "file_name[<n>]");
                }
                break;
            default:
                break;
        }
    }

    private CommandException bad(Key k, WherePair p, String expected) {
        return new CommandException(ErrorCode.COMMAND_STRUCTURE,
            "Key '" + k.name() + "' in '" + command + "' needs " + expected + ", got '" + p.value() + "'");
    }
}
