package io.edgepublisher.node;

import java.beans.Introspector;
import org.apache.camel.NoSuchBeanException;

/**
 * The capabilities' services as beans of the node's Camel registry ({@link Node#registry()}, the registry of its Camel
 * context). Each is bound once, by its capability's {@code *Module}, under the decapitalised simple name of its type
 * ({@code streamerService}, {@code databases}); others find it by type.
 *
 * <p>{@link #get} is for the services a capability installs at boot: a missing one is Camel's
 * {@link NoSuchBeanException} naming the bean, at boot ({@link Modules#verify}), never a null at use. {@link #find} is
 * for what a {@code run …} command binds while the node runs (the TCP and REST servers, our source address, the
 * message broker): null means "not started yet".
 */
public final class Beans {
    private Beans() {
    }

    /** The registry name of a service type: {@code StreamerService} → {@code streamerService}. */
    public static String name(Class<?> type) {
        return Introspector.decapitalize(type.getSimpleName());
    }

    /** Binds (or replaces) the node's one bean of {@code type}. */
    public static <T> void bind(Node node, Class<T> type, T bean) {
        node.registry().bind(name(type), type, bean);
    }

    /** The node's bean of {@code type}; Camel's {@link NoSuchBeanException} when none is bound. */
    public static <T> T get(Node node, Class<T> type) {
        T bean = find(node, type);
        if (bean == null) {
            throw new NoSuchBeanException(name(type), type.getName());
        }
        return bean;
    }

    /** The node's bean of {@code type}, or null while none is bound (a server not started yet). */
    public static <T> T find(Node node, Class<T> type) {
        T bean = node.registry().lookupByNameAndType(name(type), type);
        return bean != null ? bean : node.registry().findSingleByType(type);
    }
}
