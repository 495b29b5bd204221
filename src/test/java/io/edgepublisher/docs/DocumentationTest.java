package io.edgepublisher.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.Command;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.NodeDirectories;
import io.edgepublisher.node.Modules;
import io.edgepublisher.node.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user reference holds together: every relative link of the repository's Markdown documents reaches an existing
 * file (and heading), and every document that {@code help}, a log line or a bundled file names exists.
 */
class DocumentationTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** A document named in text: {@code docs/PUBLISHING.md#run-publisher-options}, {@code PUBLISHER.md}. */
    private static final Pattern CITATION =
        Pattern.compile("(?<![\\w./-])((?:[\\w.-]+/)*[\\w.-]+\\.md)(?:#([\\w-]+))?(?!\\w)");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:|^//");

    @Test
    void everyRelativeLinkInTheDocumentsResolves() throws IOException {
        List<Path> docs = markdownFiles();
        assertTrue(docs.contains(ROOT.resolve("README.md")) && docs.contains(ROOT.resolve("docs/COMMANDS.md")),
            "the walk finds README.md and docs/: " + docs);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            for (Markdown.Link link : Markdown.links(Files.readString(doc))) {
                String problem = problem(doc, link.target());
                if (problem != null) {
                    broken.add(ROOT.relativize(doc) + ":" + link.line() + ": (" + link.target() + ") " + problem);
                }
                checked++;
            }
        }
        assertTrue(checked > 100, "links found: " + checked);
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void helpCitesOnlyDocumentsThatExist(@TempDir Path home) {
        Node node = new Node(new Dictionary(), NodeDirectories.at(home), Map.of(), Clock.systemUTC());
        Modules.install(node);
        Map<String, String> helps = new LinkedHashMap<>();
        helps.put("help", help(node, "help"));
        for (Command c : node.commands().commands()) {
            for (String name : c.names()) {
                helps.put("help " + name, help(node, "help " + name));
            }
        }
        List<String> broken = new ArrayList<>();
        int cited = 0;
        for (Map.Entry<String, String> e : helps.entrySet()) {
            for (String[] c : citations(e.getValue())) {
                cited++;
                String problem = citationProblem(c[0], c[1]);
                if (problem != null) {
                    broken.add("'" + e.getKey() + "' cites " + c[0] + (c[1] == null ? "" : "#" + c[1]) + ": " + problem);
                }
            }
        }
        assertTrue(cited > 0, "help points to the reference");
        assertEquals(List.of(), broken, "documents cited by help");
    }

    /**
     * Log lines, errors and usage texts are Java string literals; the boot script, application.properties and the
     * example routes are read by users too.
     */
    @Test
    void textsShownToUsersCiteOnlyDocumentsThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        int cited = 0;
        List<Path> shipped = new ArrayList<>(files(ROOT.resolve("src/main"), DocumentationTest::isText));
        shipped.addAll(files(ROOT.resolve("routes"), DocumentationTest::isText));
        shipped.add(ROOT.resolve("application.properties"));
        for (Path f : shipped) {
            String text = Files.readString(f);
            List<String> parts = f.toString().endsWith(".java") ? JavaSource.stringLiterals(text) : List.of(text);
            for (String part : parts) {
                for (String[] c : citations(part)) {
                    cited++;
                    String problem = citationProblem(c[0], c[1]);
                    if (problem != null) {
                        broken.add(ROOT.relativize(f) + " cites " + c[0] + (c[1] == null ? "" : "#" + c[1]) + ": "
                            + problem);
                    }
                }
            }
        }
        assertTrue(cited > 0, "the sources point to the reference");
        assertEquals(List.of(), broken, "documents cited in texts users see");
    }

    private static String help(Node node, String line) {
        CommandResult r = node.interpreter().execute(line, new Session(Source.CONSOLE, null));
        assertTrue(r.isOk(), line + ": " + r.describe());
        return r.output();
    }

    private static List<String[]> citations(String text) {
        List<String[]> out = new ArrayList<>();
        Matcher m = CITATION.matcher(text);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    /** A cited document is a path from the repository root. */
    private static String citationProblem(String path, String anchor) {
        Path file = ROOT.resolve(path).normalize();
        if (!file.startsWith(ROOT) || !Files.isRegularFile(file)) {
            return "no such document in the repository";
        }
        return anchor == null ? null : anchorProblem(file, anchor);
    }

    /** Why a link target of {@code doc} does not resolve, or null when it does (or is not a repository link). */
    static String problem(Path doc, String target) {
        if (target.isEmpty()) {
            return "empty link";
        }
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? doc
            : (path.startsWith("/") ? ROOT.resolve(path.substring(1)) : doc.getParent().resolve(path)).normalize();
        if (!file.startsWith(ROOT)) {
            return "points outside the repository";
        }
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (fragment == null || !Files.isRegularFile(file) || !file.toString().endsWith(".md")) {
            return null;
        }
        return anchorProblem(file, fragment);
    }

    private static String anchorProblem(Path markdown, String anchor) {
        try {
            return Markdown.anchors(Files.readString(markdown)).contains(anchor) ? null
                : "no heading with the anchor #" + anchor + " in " + ROOT.relativize(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files whose text users read; Markdown is left to the link test, its links being relative to the file. */
    private static boolean isText(Path p) {
        String n = p.getFileName().toString();
        return n.matches(".*\\.(java|al|properties|ya?ml|txt|json|xml|conf)");
    }

    /** The repository's Markdown files, outside build output and hidden folders. */
    private static List<Path> markdownFiles() throws IOException {
        return files(ROOT, p -> p.getFileName().toString().endsWith(".md"));
    }

    private static List<Path> files(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                .filter(p -> {
                    for (Path part : ROOT.relativize(p)) {
                        String n = part.toString();
                        if (n.equals("target") || (n.startsWith(".") && n.length() > 1)) {
                            return false;
                        }
                    }
                    return true;
                })
                .filter(keep).sorted().toList();
        }
    }
}
