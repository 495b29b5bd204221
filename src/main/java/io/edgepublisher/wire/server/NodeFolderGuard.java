package io.edgepublisher.wire.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps peer writes inside the node's folders (PROTOCOL.md §8.3 rule 6): paths are compared after resolving
 * symbolic links, and a final path component that is a symbolic link is refused, because opening it would follow
 * the link wherever it points.
 */
final class NodeFolderGuard {
    private final Path root;

    /** @param root the node's root folder ({@code <home>/AnyLog-Network}); it must exist */
    NodeFolderGuard(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /**
     * The canonical path of {@code name} in {@code dir}, for writing.
     *
     * @throws SecurityException with the reason when the result would be outside the node's folders or a link
     */
    Path inside(Path dir, String name) throws IOException {
        Path realDir = dir.toRealPath();
        Path target = realDir.resolve(name).normalize();
        if (!target.getParent().equals(realDir)) {
            throw new SecurityException("'" + name + "' is not a plain name in " + dir);
        }
        return checked(target);
    }

    /**
     * The canonical form of an absolute {@code path} whose folder must exist, for writing.
     *
     * @throws SecurityException with the reason when it is relative, outside the node's folders, or a link
     */
    Path literal(Path path) throws IOException {
        if (!path.isAbsolute()) {
            throw new SecurityException("'" + path + "' is not an absolute path");
        }
        Path parent = path.normalize().getParent();
        if (parent == null || path.getFileName() == null) {
            throw new SecurityException("'" + path + "' names no file");
        }
        return checked(parent.toRealPath().resolve(path.getFileName().toString()));
    }

    private Path checked(Path target) {
        if (!target.startsWith(root) || target.equals(root)) {
            throw new SecurityException("'" + target + "' is outside the node's folders");
        }
        if (Files.isSymbolicLink(target) || Files.isSymbolicLink(target.resolveSibling(target.getFileName()
                + io.edgepublisher.wire.TransferFileSink.SUFFIX))) {
            throw new SecurityException("'" + target + "' is a symbolic link");
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new SecurityException("'" + target + "' is a directory");
        }
        return target;
    }
}
