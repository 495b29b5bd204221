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

    /**
     * The addresses the listener binds: all interfaces without {@code bind}; with it, the internal IP and loopback,
     * so that tools on the node's own machine (and a first {@code curl 127.0.0.1:<port>}) reach it while other
     * interfaces do not.
     */
    public java.util.List<String> bindHosts() {
        if (!bind || internalIp.equals("0.0.0.0")) {
            return java.util.List.of("0.0.0.0");
        }
        if (internalIp.equals(LOOPBACK) || internalIp.equalsIgnoreCase("localhost")) {
            return java.util.List.of(LOOPBACK);
        }
        return java.util.List.of(internalIp, LOOPBACK);
    }

    /** The bound addresses as {@code ip:port} joined with " and ", for logs and errors. */
    public String bindAddresses() {
        return String.join(" and ", bindHosts().stream().map(h -> h + ":" + internalPort).toList());
    }

    static final String LOOPBACK = "127.0.0.1";
}
