package io.edgepublisher.rest;

/** The options of {@code run rest server} (COMMANDS.md §4.4) after defaults. */
public record RestSettings(String externalIp, int externalPort, String internalIp, int internalPort, boolean bind,
                           int threads, int timeoutSeconds, boolean ssl, String caOrg, String serverOrg,
                           long maxBodyBytes) {

    /** The {@code get processes} details. */
    public String details() {
        String ext = externalIp + ":" + externalPort;
        String in = internalIp + ":" + internalPort;
        return "Listening on: " + ext + (ext.equals(in) ? "" : " and " + in) + ", Threads Pool: " + threads
            + ", Timeout: " + timeoutSeconds + ", SSL: " + (ssl ? "True" : "False");
    }

    public String bindHost() {
        return bind ? internalIp : "0.0.0.0";
    }
}
