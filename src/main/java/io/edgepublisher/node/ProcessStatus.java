package io.edgepublisher.node;

/** One row of {@code get processes}: {@code Running} or {@code Not declared}, and a details text. */
public record ProcessStatus(boolean running, String details) {
    public static final String RUNNING = "Running";
    public static final String NOT_DECLARED = "Not declared";

    public static ProcessStatus running(String details) {
        return new ProcessStatus(true, details == null ? "" : details);
    }

    public static ProcessStatus notDeclared(String details) {
        return new ProcessStatus(false, details == null ? "" : details);
    }

    public String statusText() {
        return running ? RUNNING : NOT_DECLARED;
    }
}
