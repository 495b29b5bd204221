package io.edgepublisher.command;

import io.edgepublisher.node.Node;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one logical command line: {@code if/do/else}, script control words, assignments (COMMANDS.md §1.7) and
 * registered commands. It never throws: every failure becomes a {@link CommandResult} with an EdgeLake code.
 */
public final class Interpreter {
    private static final Logger LOG = LoggerFactory.getLogger(Interpreter.class);

    private final Node node;

    public Interpreter(Node node) {
        this.node = node;
    }

    public CommandResult execute(String line, Session session) {
        String trimmed = line.trim();
        try {
            return run(trimmed, session);
        } catch (AlreadyRunning e) {
            if (e.asAsked() && session.source() == Source.SCRIPT && node.booting()) {
                LOG.info("'{}': {}, as this step asks; nothing to do", line, e.detail());
                return CommandResult.ok();
            }
            return CommandResult.error(e);
        } catch (CommandException e) {
            return CommandResult.error(e);
        } catch (ScriptExit e) {
            return CommandResult.control(CommandResult.Control.EXIT_SCRIPTS, null);
        } catch (NotImplementedYet e) {
            return CommandResult.notImplemented(e.phrase());
        } catch (RuntimeException e) {
            LOG.warn("Command '{}' failed unexpectedly", line, e);
            return CommandResult.error(ErrorCode.PROCESS_FAILURE, e.toString());
        } finally {
            String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
            session.ifChain(lower.startsWith("if ") || lower.startsWith("do ") || lower.startsWith("else"));
        }
    }

    private CommandResult run(String line, Session s) {
        List<Token> t = Tokenizer.tokenize(line);
        if (t.isEmpty()) {
            return CommandResult.ok();
        }
        Token first = t.get(0);
        if (first.is("if")) {
            return ifLine(line, t, s);
        }
        if (first.is("do")) {
            Boolean last = s.lastIf();
            // Seed compatibility (CONFIG.md §6.4 rule 7): a 'do' that does not follow an if-chain runs unconditionally.
            if (s.ifChain() && last != null && !last) {
                return CommandResult.ok();
            }
            return rest(line, t, 1, s);
        }
        if (first.is("else")) {
            if (s.lastIf() == null) {
                throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "'else' without a preceding 'if'");
            }
            if (s.chainSatisfied()) {
                return CommandResult.ok();
            }
            if (t.size() > 1 && t.get(1).is("if")) {
                return ifLine(line.substring(t.get(1).start()), Tokenizer.tokenize(line.substring(t.get(1).start())), s,
                    true);
            }
            return rest(line, t, 1, s);
        }
        CommandResult control = control(t);
        if (control != null) {
            return control;
        }
        if (t.size() >= 2 && t.get(1).isOperator("=") && isTarget(t.get(0))) {
            return assign(line, t, 0, 2, s);
        }
        if (first.is("set") && t.size() >= 3 && t.get(2).isOperator("=") && isTarget(t.get(1))) {
            return assign(line, t, 1, 3, s);
        }
        CommandRegistry.Match m = node.commands().lookup(t, 0);
        if (m == null) {
            if (first.isVariable()) {
                // A line that is only a variable prints its value, as on the AnyLog console.
                return CommandResult.ok(Output.text(node.resolver().resolveRequired(first)));
            }
            String near = node.commands().suggest(t, 0);
            throw new CommandException(ErrorCode.UNRECOGNIZED_COMMAND, "Command '" + line + "' not recognized"
                + (near == null ? "" : "; did you mean '" + near + "'?"));
        }
        if (m.command().method() == Method.POST && (s.source() == Source.REST || s.source() == Source.PEER)
            && !m.phrase().equals("exit node")) {
            awaitBoot(line, s.source());
        }
        CommandCall call = new CommandCall(node, s, line, m.phrase(), t, m.words());
        return CommandResult.ok(m.command().execute(call));
    }

    /** How long a command that arrives during the boot waits for the boot script to finish. */
    static final long BOOT_WAIT_MILLIS = 120_000;

    /**
     * A command that changes the node and arrives over REST or from a peer while the boot script runs waits until
     * the script has finished, so that it cannot take a step of the script away from it (the script's own
     * {@code run publisher} failing with 136 stopped the node).
     */
    private void awaitBoot(String line, Source source) {
        if (!node.booting() || node.exiting()) {
            return;
        }
        LOG.info("'{}' ({}) waits until the boot script has finished", line, source);
        boolean ended;
        try {
            ended = node.awaitBootEnd(BOOT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "Interrupted while waiting for the boot script");
        }
        if (!ended) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "The boot script is still running after "
                + BOOT_WAIT_MILLIS / 1000 + " s; send the command again once /observe/health/ready is UP");
        }
        if (node.exiting()) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "The node is stopping (its boot script ended it)");
        }
    }

    private CommandResult rest(String line, List<Token> t, int from, Session s) {
        if (from >= t.size()) {
            return CommandResult.ok();
        }
        return run(line.substring(t.get(from).start()), s);
    }

    private CommandResult ifLine(String line, List<Token> t, Session s) {
        return ifLine(line, t, s, false);
    }

    private CommandResult ifLine(String line, List<Token> t, Session s, boolean elseIf) {
        int then = -1;
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).is("then")) {
                then = i;
                break;
            }
        }
        if (then < 0) {
            throw new CommandException(ErrorCode.IF_CONDITION, "Missing 'then' in: " + line);
        }
        if (then == 1) {
            throw new CommandException(ErrorCode.IF_CONDITION, "Missing condition in: " + line);
        }
        String cond = line.substring(t.get(1).start(), t.get(then).start());
        boolean result = Condition.evaluate(cond, node.resolver());
        if (elseIf) {
            s.recordElseIf(result);
        } else {
            s.recordIf(result);
        }
        if (!result || then == t.size() - 1) {
            return CommandResult.ok();
        }
        return rest(line, t, then + 1, s);
    }

    /** Script control words; they only mean something inside a script. */
    private static CommandResult control(List<Token> t) {
        Token first = t.get(0);
        if (first.is("goto") && t.size() == 2) {
            return CommandResult.control(CommandResult.Control.GOTO, t.get(1).text());
        }
        if (first.is("end") && t.size() == 2 && t.get(1).is("script")) {
            return CommandResult.control(CommandResult.Control.END_SCRIPT, null);
        }
        if (first.is("exit") && t.size() == 2 && t.get(1).is("scripts")) {
            return CommandResult.control(CommandResult.Control.EXIT_SCRIPTS, null);
        }
        if (first.is("on") && t.size() >= 3 && t.get(1).is("error")) {
            if (t.size() == 4 && t.get(2).is("goto")) {
                return CommandResult.control(CommandResult.Control.ON_ERROR, "goto:" + t.get(3).text());
            }
            if (t.size() == 3 && t.get(2).is("ignore")) {
                return CommandResult.control(CommandResult.Control.ON_ERROR, "ignore");
            }
            if (t.size() == 4 && t.get(2).is("end") && t.get(3).is("script")) {
                return CommandResult.control(CommandResult.Control.ON_ERROR, "end");
            }
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                "Use 'on error goto <label>', 'on error ignore' or 'on error end script'");
        }
        return null;
    }

    private static boolean isTarget(Token t) {
        if (t.kind() != Token.Kind.WORD || t.text().isEmpty()) {
            return false;
        }
        String s = t.text();
        int i = s.charAt(0) == '$' ? 1 : 0;
        if (i >= s.length() || !(Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
            return false;
        }
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private CommandResult assign(String line, List<Token> t, int keyIndex, int from, Session s) {
        String key = t.get(keyIndex).text();
        String value = new Assignment(node, s, this).value(line, t, from);
        if (value == null) {
            LOG.info("Assignment '{}' skipped: its value is an undefined variable", line);
            return CommandResult.ok();
        }
        if (key.startsWith("$")) {
            node.resolver().setEnv(key.substring(1), value);
        } else {
            node.dictionary().put(key, value);
        }
        return CommandResult.ok();
    }

    /** Runs a line as a command whose output an assignment stores; used by {@link Assignment}. */
    CommandResult executeForValue(String line, Session s) {
        return run(line, s);
    }
}
