package io.edgepublisher.rest;

import io.edgepublisher.command.CommandRegistry;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Token;
import io.edgepublisher.command.Tokenizer;
import java.util.List;

/** Which HTTP method a command line needs (REST.md §4). */
final class MethodRules {
    private MethodRules() {
    }

    /** The method the line requires, or null when the line is not a known command (the interpreter reports it). */
    static Method required(CommandRegistry registry, String line) {
        List<Token> t;
        try {
            t = Tokenizer.tokenize(line);
        } catch (RuntimeException e) {
            return null;
        }
        if (t.isEmpty()) {
            return null;
        }
        if (t.size() >= 2 && t.get(1).isOperator("=")) {
            return Method.POST;
        }
        if (t.get(0).is("set") && t.size() >= 3 && t.get(2).isOperator("=")) {
            return Method.POST;
        }
        if (t.get(0).is("if") || t.get(0).is("do") || t.get(0).is("else")) {
            return Method.POST;
        }
        CommandRegistry.Match m = registry.lookup(t, 0);
        return m == null ? null : m.command().method();
    }

    static boolean allows(Method required, String httpMethod) {
        if (required == null || required == Method.GET_OR_POST) {
            return true;
        }
        return required.name().equals(httpMethod);
    }
}
