package io.edgepublisher.publisher.routing.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure choice: the same ranking everywhere, and minimal movement when the cluster set changes. */
class RendezvousTest {
    private static List<String> clusters(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(AutoLedger.id("cluster " + i));
        }
        return ids;
    }

    private static Map<String, String> winners(List<String> ids, int tables) {
        Map<String, String> out = new HashMap<>();
        for (int t = 0; t < tables; t++) {
            out.put("table" + t, Rendezvous.winner(ids, "test", "table" + t));
        }
        return out;
    }

    @Test
    void theWeightIsFixedSha256OfClusterAndTable() {
        // SHA-256("a348b78d517d27861715310c7d57a7ef|test.newtab") starts with ba30067966a91053: every publisher,
        // whatever its version, must compute exactly this, or two publishers would split a table.
        assertEquals("13416230408419872851",
            Long.toUnsignedString(Rendezvous.weight(AutoLedger.CLUSTER1, Rendezvous.tableKey("test", "newtab"))));
        assertEquals("test.newtab", Rendezvous.tableKey("Test", "NewTab"));
        assertEquals(Rendezvous.weight(AutoLedger.CLUSTER1, "test.newtab"),
            Rendezvous.weight(AutoLedger.CLUSTER1.toUpperCase(), "test.newtab"));
    }

    @Test
    void theRankingIsDeterministicWhateverTheOrderOfTheIds() {
        List<String> ids = clusters(6);
        List<String> ranking = Rendezvous.ranking(ids, "test", "newtab");
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertEquals(ranking, Rendezvous.ranking(reversed, "test", "newtab"));
        assertEquals(ranking, Rendezvous.ranking(ids, "TEST", "NewTab"), "names ignore case");
        assertEquals(6, ranking.size());
        // Highest unsigned weight first: the signed order would differ for weights of 2^63 and more.
        for (int i = 1; i < ranking.size(); i++) {
            assertTrue(Long.compareUnsigned(Rendezvous.weight(ranking.get(i - 1), "test.newtab"),
                Rendezvous.weight(ranking.get(i), "test.newtab")) > 0, ranking.toString());
        }
        assertEquals(null, Rendezvous.winner(List.of(), "test", "newtab"));
    }

    @Test
    void addingAClusterMovesOnlyTheTablesItWins() {
        List<String> before = clusters(8);
        List<String> after = clusters(9);
        String added = after.get(8);
        Map<String, String> w0 = winners(before, 2000);
        Map<String, String> w1 = winners(after, 2000);
        int moved = 0;
        for (String t : w0.keySet()) {
            if (!w0.get(t).equals(w1.get(t))) {
                moved++;
                assertEquals(added, w1.get(t), t + " moved to a cluster that was there before");
            }
        }
        // About 1/9 of the tables: the new cluster takes its share and nothing else moves.
        assertTrue(moved > 150 && moved < 300, "moved " + moved);
    }

    @Test
    void removingAClusterMovesOnlyItsTables() {
        List<String> before = clusters(8);
        String removed = before.get(3);
        List<String> after = new ArrayList<>(before);
        after.remove(removed);
        Map<String, String> w0 = winners(before, 2000);
        Map<String, String> w1 = winners(after, 2000);
        int moved = 0;
        for (String t : w0.keySet()) {
            if (w0.get(t).equals(removed)) {
                moved++;
                assertEquals(Rendezvous.ranking(before, "test", t).get(1), w1.get(t), "the runner-up takes it");
            } else {
                assertEquals(w0.get(t), w1.get(t), t + " moved although its cluster stayed");
            }
        }
        assertTrue(moved > 150 && moved < 350, "moved " + moved);
    }

    @Test
    void tablesSpreadOverTheClusters() {
        Map<String, Integer> count = new HashMap<>();
        winners(clusters(8), 4000).values().forEach(c -> count.merge(c, 1, Integer::sum));
        assertEquals(8, count.size());
        count.values().forEach(n -> assertTrue(n > 350 && n < 650, count.toString()));
    }
}
