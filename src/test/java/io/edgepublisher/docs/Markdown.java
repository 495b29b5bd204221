package io.edgepublisher.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the documentation test needs of Markdown, the way GitHub renders it: the link targets of a document (outside
 * code), and the anchors its headings get.
 */
final class Markdown {
    /** {@code [text](target "title")} and {@code ![alt](target)}; the text may hold one level of brackets. */
    private static final Pattern INLINE = Pattern.compile(
        "\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^()\\s]*(?:\\([^()\\s]*\\)[^()\\s]*)*)(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** {@code [label]: target} */
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern LINK_TEXT = Pattern.compile("!?\\[((?:[^\\[\\]]|\\[[^\\[\\]]*\\])*)\\]\\([^)]*\\)");

    /** A link target and the line it is on (1-based). */
    record Link(int line, String target) {
    }

    private Markdown() {
    }

    /** Every link target of the text, in order; links inside code blocks and code spans are not links. */
    static List<Link> links(String text) {
        List<Link> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean fenced = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (isFence(line)) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String masked = maskCodeSpans(line);
            Matcher ref = REFERENCE.matcher(masked);
            if (ref.find()) {
                out.add(new Link(i + 1, ref.group(1)));
                continue;
            }
            Matcher m = INLINE.matcher(masked);
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("<") && target.endsWith(">")) {
                    target = target.substring(1, target.length() - 1);
                }
                out.add(new Link(i + 1, target));
            }
        }
        return out;
    }

    /** The anchors GitHub gives the document: one per heading (repeats get {@code -1}, {@code -2}, …) and HTML anchors. */
    static Set<String> anchors(String text) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (isFence(line)) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(2));
                int n = seen.merge(slug, 1, Integer::sum);
                out.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                out.add(a.group(1));
            }
        }
        return out;
    }

    /**
     * GitHub's anchor for a heading: the rendered text (link targets and code marks gone) in lower case, without
     * punctuation except {@code -} and {@code _}, each blank replaced by {@code -}.
     */
    static String slug(String heading) {
        String text = LINK_TEXT.matcher(heading).replaceAll("$1").replaceAll("<[^>]+>", "");
        StringBuilder sb = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (c == ' ') {
                sb.append('-');
            } else if (c == '-' || Character.isLetterOrDigit(c) || Character.getType(c) == Character.CONNECTOR_PUNCTUATION
                || Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK) {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static boolean isFence(String line) {
        String t = line.stripLeading();
        return t.startsWith("```") || t.startsWith("~~~");
    }

    /** The line with the contents of its code spans replaced by {@code x}, so that nothing in them reads as a link. */
    static String maskCodeSpans(String line) {
        StringBuilder sb = new StringBuilder(line);
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) != '`') {
                i++;
                continue;
            }
            int run = 0;
            while (i + run < line.length() && line.charAt(i + run) == '`') {
                run++;
            }
            String ticks = "`".repeat(run);
            int close = line.indexOf(ticks, i + run);
            while (close >= 0 && close + run < line.length() && line.charAt(close + run) == '`') {
                close = line.indexOf(ticks, close + run + 1);
            }
            if (close < 0) {
                i += run;
                continue;
            }
            for (int k = i + run; k < close; k++) {
                sb.setCharAt(k, 'x');
            }
            i = close + run;
        }
        return sb.toString();
    }
}
