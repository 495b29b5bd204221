package io.edgepublisher.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Markdown and Java reading that {@link DocumentationTest} relies on. */
class MarkdownTest {
    @Test
    void headingsGetGitHubAnchors() {
        assertEquals("the-nodes-own-mqtt-broker", Markdown.slug("The node's own MQTT broker"));
        assertEquals("camel-routes-directingest", Markdown.slug("Camel routes: `direct:ingest`"));
        assertEquals("the-tsd_info-table", Markdown.slug("The `tsd_info` table"));
        assertEquals("1-your-route", Markdown.slug("1. Your route"));
        assertEquals("peer-connections-tcp", Markdown.slug("Peer connections (TCP)"));
        assertEquals("see-commands", Markdown.slug("See [Commands](COMMANDS.md)"));
        assertEquals("a---b", Markdown.slug("A - B"));
        assertEquals("zürich", Markdown.slug("Zürich"));
        assertEquals(Set.of("intro", "options", "options-1", "options-2", "here"),
            Markdown.anchors("# Intro\n## Options\n### Options ###\n```\n# not a heading\n```\n## Options\n<a name=\"here\"></a>\n"));
    }

    @Test
    void linksOutsideCodeAreFound() {
        String text = String.join("\n",
            "See [the REST page](REST.md#errors) and ![logo](img/logo.png \"Logo\").",
            "A [`run client`](COMMANDS.md#other-nodes) link, a `[code](no.md)` span, [a (b)](x(1).md).",
            "```",
            "[in a block](nowhere.md)",
            "```",
            "  ```bash",
            "  [indented block](nowhere.md)",
            "  ```",
            "[ref]: docs/README.md",
            "<https://example.org> and [web](https://example.org/a_(b))");
        assertEquals(List.of(new Markdown.Link(1, "REST.md#errors"), new Markdown.Link(1, "img/logo.png"),
                new Markdown.Link(2, "COMMANDS.md#other-nodes"), new Markdown.Link(2, "x(1).md"),
                new Markdown.Link(9, "docs/README.md"), new Markdown.Link(10, "https://example.org/a_(b)")),
            Markdown.links(text));
    }

    @Test
    void javaStringLiteralsWithoutComments() {
        String src = String.join("\n",
            "/** Cites SPEC.md §1. */",
            "class A { // and OTHER.md",
            "  char q = '\"'; char e = '\\'';",
            "  String s = \"see docs/A.md\" + \"x \\\"B.md\\\"\";",
            "  /* C.md */ String t = \"\"\"",
            "      D.md \"quoted\"",
            "      \"\"\";",
            "}");
        assertEquals(List.of("see docs/A.md", "x \\\"B.md\\\"", "\n      D.md \"quoted\"\n      "),
            JavaSource.stringLiterals(src));
    }
}
