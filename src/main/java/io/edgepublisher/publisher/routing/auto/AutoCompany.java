package io.edgepublisher.publisher.routing.auto;

/**
 * The companies an automatic decision depends on.
 *
 * @param option the {@code company} option of {@code run publisher}, or null: the metadata then takes a file's
 *               company from its dbms (LEDGER.md §6.5), and this decides when the metadata lists a table
 * @param node   this node's company ({@code !company_name}); candidates are its root clusters unless the option is
 *               given
 */
public record AutoCompany(String option, String node) {
    /** The company whose root clusters are the candidates: the option when given, else the node's company. */
    public String forCandidates() {
        return option != null && !option.isBlank() ? option : node;
    }
}
