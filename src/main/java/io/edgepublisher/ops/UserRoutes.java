package io.edgepublisher.ops;

import io.edgepublisher.node.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's Camel YAML routes ({@code routes/*.yaml}). Each file is parsed first and applied only when it parses,
 * one file at a time, so a broken file (bad YAML, unknown step, unknown component, duplicate route id) is logged with
 * its name and reason while the node and every other route keep running. On a change the file's routes are replaced;
 * when the new version fails, the previous version is put back.
 */
public final class UserRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(UserRoutes.class);

    /** What one file contributed. */
    public record Loaded(Set<String> routeIds, String content, String error) {
    }

    private final Node node;
    private final Path dir;
    private final UserRouteChanges changes;
    private final Map<Path, Loaded> files = new TreeMap<>();

    public UserRoutes(Node node, Path dir) {
        this(node, dir, new UserRouteChanges());
    }

    public UserRoutes(Node node, Path dir, UserRouteChanges changes) {
        this.node = node;
        this.dir = dir;
        this.changes = changes;
    }

    public Path dir() {
        return dir;
    }

    public static boolean isRouteFile(Path p) {
        String n = p.getFileName().toString();
        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    /** Loads every route file of the folder, in name order; routes of files that are gone are removed. */
    public synchronized void loadAll() {
        if (!Files.isDirectory(dir)) {
            LOG.info("No user routes: folder {} does not exist", dir);
            for (Path gone : new ArrayList<>(files.keySet())) {
                reload(gone);
            }
            return;
        }
        List<Path> list = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && isRouteFile(p)) {
                    list.add(p.toAbsolutePath().normalize());
                }
            }
        } catch (IOException e) {
            LOG.error("User routes folder {} cannot be read: {}", dir, e.getMessage());
            return;
        }
        list.sort(null);
        for (Path gone : new ArrayList<>(files.keySet())) {
            if (!list.contains(gone)) {
                reload(gone);
            }
        }
        for (Path p : list) {
            reload(p);
        }
    }

    /**
     * (Re)loads one file, or removes its routes when the file is gone. Returns the error text, or null. Whatever
     * changed, the listeners hear of it: files waiting for a route are routed again.
     */
    public synchronized String reload(Path file) {
        try {
            return reloadFile(file);
        } finally {
            changes.changed();
        }
    }

    private String reloadFile(Path file) {
        Path f = file.toAbsolutePath().normalize();
        Loaded previous = files.remove(f);
        if (previous != null) {
            removeRoutes(previous.routeIds());
        }
        if (!Files.isRegularFile(f)) {
            if (previous != null) {
                LOG.info("User route file {} removed; its routes {} are stopped", f.getFileName(), previous.routeIds());
            }
            return null;
        }
        String content;
        try {
            content = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return record(f, previous, "cannot be read: " + e.getMessage());
        }
        String error = apply(ResourceHelper.fromString("file:" + f, content));
        if (error == null) {
            Set<String> ids = lastAdded;
            files.put(f, new Loaded(ids, content, null));
            LOG.info("User route file {} loaded: routes {}", f.getFileName(), ids);
            return null;
        }
        return record(f, previous, error);
    }

    private String record(Path f, Loaded previous, String error) {
        LOG.error("User route file {} not loaded: {}", f.getFileName(), error);
        if (previous != null && previous.error() == null) {
            String again = apply(ResourceHelper.fromString("file:" + f, previous.content()));
            if (again == null) {
                files.put(f, new Loaded(lastAdded, previous.content(), error));
                LOG.warn("User route file {}: the previous version keeps running", f.getFileName());
                return error;
            }
        }
        files.put(f, new Loaded(Set.of(), "", error));
        return error;
    }

    private Set<String> lastAdded = Set.of();

    /** Parses, then adds and starts the routes; on any failure removes what was added and returns the reason. */
    private String apply(Resource resource) {
        CamelContext ctx = node.camel();
        Set<String> before = routeIds(ctx);
        Collection<RoutesBuilder> builders = List.of();
        try {
            builders = PluginHelper.getRoutesLoader(ctx).findRoutesBuilders(List.of(resource));
            // Camel replaces a route whose id is added again; a user file must never replace a running route.
            for (RoutesBuilder b : builders) {
                if (b instanceof RouteBuilder rb) {
                    for (RouteDefinition d : rb.configureRoutes(ctx).getRoutes()) {
                        String id = d.getRouteId();
                        if (id != null && before.contains(id)) {
                            return "route id '" + id + "' is already used by a running route";
                        }
                    }
                }
            }
            for (RoutesBuilder b : builders) {
                ctx.addRoutes(b);
            }
            Set<String> added = ownRoutes(ctx, builders, before);
            for (String id : added) {
                // The supervising route controller marks routes added after start as not auto-starting; what the
                // user wrote is in the route definition.
                RouteDefinition def = ((ModelCamelContext) ctx).getRouteDefinition(id);
                boolean auto = def == null || def.getAutoStartup() == null || !"false".equals(def.getAutoStartup());
                if (auto && !ctx.getRouteController().getRouteStatus(id).isStarted()) {
                    ctx.getRouteController().startRoute(id);
                }
            }
            lastAdded = added;
            return null;
        } catch (Exception e) {
            removeRoutes(ownRoutes(ctx, builders, before));
            lastAdded = Set.of();
            return reason(e);
        }
    }

    /**
     * The routes the file's builders added: their definitions' ids (Camel assigns generated ids when it adds them), not
     * a before/after difference of the context, which would also catch a route the node adds at the same moment.
     */
    private static Set<String> ownRoutes(CamelContext ctx, Collection<RoutesBuilder> builders, Set<String> before) {
        Set<String> ids = new LinkedHashSet<>();
        for (RoutesBuilder b : builders) {
            if (b instanceof RouteBuilder rb) {
                for (RouteDefinition d : rb.getRouteCollection().getRoutes()) {
                    String id = d.getRouteId();
                    if (id != null && !before.contains(id) && ctx.getRoute(id) != null) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }

    private void removeRoutes(Set<String> ids) {
        CamelContext ctx = node.camel();
        for (String id : ids) {
            try {
                ctx.getRouteController().stopRoute(id);
                ctx.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("User route {} could not be removed: {}", id, e.getMessage());
            }
        }
    }

    private static Set<String> routeIds(CamelContext ctx) {
        Set<String> ids = new HashSet<>();
        for (Route r : ctx.getRoutes()) {
            ids.add(r.getRouteId());
        }
        return ids;
    }

    /** The most specific message of an exception chain, with the exception type when the message is empty. */
    static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        Set<Throwable> seen = new HashSet<>();
        while (t != null && seen.add(t)) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && sb.indexOf(m) < 0) {
                if (sb.length() > 0) {
                    sb.append(" <- ");
                }
                sb.append(m.replace('\n', ' '));
            }
            t = t.getCause();
        }
        return sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString();
    }

    /** The files seen and what each contributed, for {@code get routes}. */
    public synchronized Map<Path, Loaded> files() {
        return new TreeMap<>(files);
    }
}
