package io.edgepublisher.wire.server;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.wire.FileWriteRejectedException;
import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.FileWriteSinkFactory;
import io.edgepublisher.wire.FileWriteStart;
import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.inbound.LedgerFileReceiver;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, on the first frame of an incoming {@code file write}, whether and where it is written (PROTOCOL.md §8.3):
 *
 * <ul>
 *   <li>flag 3 (large message): a bare {@code cmd.<ip>.<k>.lmsg} name, written into {@code !tmp_dir} as
 *       {@code cmd.<ip>.<k>.lmsg.<n>}, n counting the large messages received, within the size limits of
 *       {@link LargeMessageSink};</li>
 *   <li>flag 2 (ledger file): an absolute path inside the node's folders, handed to the {@link LedgerFileReceiver}
 *       service, which checks sender and path; refused when no receiver is registered;</li>
 *   <li>flag 1 and flag 0, and any other flag: refused. A publisher is not an operator, and its watch dir is its
 *       outgoing queue.</li>
 * </ul>
 *
 * Every refusal is 294 "File operation not authorized", made before anything is written.
 */
final class InboundFileRules implements FileWriteSinkFactory {
    private static final Logger LOG = LoggerFactory.getLogger(InboundFileRules.class);
    private static final int NOT_AUTHORIZED = ErrorCode.FILE_NOT_AUTHORIZED.code();

    private final NodeFolderGuard guard;
    private final Path tmpDir;
    private final long maxLargeMessageBytes;
    private final LargeMessageBudget budget;
    private final Supplier<LedgerFileReceiver> ledger;
    private final AtomicLong received = new AtomicLong();

    /**
     * @param guard                the node's folders
     * @param tmpDir               {@code !tmp_dir}
     * @param maxLargeMessageBytes largest large message accepted
     * @param budget               bytes all large messages in {@code tmpDir} may hold together
     * @param ledger               the registered ledger receiver, or null when there is none
     */
    InboundFileRules(NodeFolderGuard guard, Path tmpDir, long maxLargeMessageBytes, LargeMessageBudget budget,
                     Supplier<LedgerFileReceiver> ledger) {
        this.guard = guard;
        this.tmpDir = tmpDir;
        this.maxLargeMessageBytes = maxLargeMessageBytes;
        this.budget = budget;
        this.ledger = ledger;
    }

    InboundFileRules(NodeFolderGuard guard, Path tmpDir, long maxLargeMessageBytes, Supplier<LedgerFileReceiver> ledger) {
        this(guard, tmpDir, maxLargeMessageBytes, new LargeMessageBudget(LargeMessageBudget.DEFAULT_BYTES), ledger);
    }

    /**
     * Deletes the large messages an earlier run left in {@code tmpDir} (received, or half received, when the node was
     * killed): they were never run, and nobody waits for their replies any more.
     *
     * @return how many files were deleted
     */
    static int removeLeftovers(Path tmpDir) {
        int n = 0;
        try (DirectoryStream<Path> old = Files.newDirectoryStream(tmpDir, "cmd.*.lmsg.*")) {
            for (Path p : old) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
                    n++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove old large messages from {}: {}", tmpDir, e.toString());
        }
        return n;
    }

    @Override
    public FileWriteSink open(FileWriteStart start) throws FileWriteRejectedException, IOException {
        String name = start.name();
        switch (start.genericFlag()) {
            case GenericFlag.FILE_LARGE_MESSAGE:
                return largeMessage(name);
            case GenericFlag.FILE_LEDGER:
                return ledgerFile(start);
            case GenericFlag.FILE_WATCH_DIR:
                throw refuse(name, "a publisher does not accept data files (generic flag 1): it is not an operator");
            case GenericFlag.FILE_LITERAL_PATH:
                throw refuse(name, "writes to literal paths (generic flag 0) are not accepted");
            default:
                throw refuse(name, "unknown generic flag " + start.genericFlag());
        }
    }

    private FileWriteSink largeMessage(String name) throws FileWriteRejectedException, IOException {
        String problem = BareFileName.largeMessageProblem(name);
        if (problem != null) {
            throw refuse(name, problem);
        }
        // Senders reuse their 100 names, and a file waits in tmp until its command ran: a sequence number keeps two
        // messages of the same name apart, on disk and in the error dir.
        return new LargeMessageSink(inside(name + "." + received.incrementAndGet()), name, maxLargeMessageBytes, budget);
    }

    private FileWriteSink ledgerFile(FileWriteStart start) throws FileWriteRejectedException, IOException {
        LedgerFileReceiver receiver = ledger.get();
        if (receiver == null) {
            throw refuse(start.name(), "this node has no ledger receiver for generic flag 2");
        }
        try {
            guard.literal(Path.of(start.name()));
        } catch (SecurityException | InvalidPathException e) {
            throw refuse(start.name(), e.getMessage());
        } catch (IOException e) {
            throw refuse(start.name(), "its folder does not exist (" + e.getMessage() + ")");
        }
        return receiver.open(start);
    }

    private Path inside(String name) throws FileWriteRejectedException, IOException {
        try {
            return guard.inside(tmpDir, name);
        } catch (SecurityException | InvalidPathException e) {
            throw refuse(name, e.getMessage());
        }
    }

    private static FileWriteRejectedException refuse(String name, String why) {
        return new FileWriteRejectedException(NOT_AUTHORIZED, name + ": " + why);
    }
}
