package io.edgepublisher.intake;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * REST PUT body → rows (REST.md §6.2):
 * <ul>
 * <li>one JSON object: the body verbatim, one row, no newline added;</li>
 * <li>a JSON list of objects: each element re-serialised as Python {@code json.dumps} does, each followed by
 * {@code \n};</li>
 * <li>other text: each top-level balanced {@code {…}} verbatim, each followed by {@code \n};</li>
 * <li>errors: empty body 67, empty list 67, no object found 6, a row that would not be a JSON object (a list element
 * that is not an object, a {@code {…}} that is not valid JSON) 6 — the whole body is refused.</li>
 * </ul>
 * {@link #write} streams a body of any size ({@link PutBodyRows}); {@link #parse} is the in-memory form. Stateless
 * and thread-safe.
 */
public final class PutBodyParser {
    public static final String EMPTY_BODY = "Failed to process JSON data: Message Body is empty";
    public static final String NO_NEW_DATA = "REST PUT command without new data";
    public static final String NO_JSON = "Failed to identify JSON data in Put message body";

    private PutBodyParser() {
    }

    /**
     * The rows of a body held in memory.
     *
     * @throws CommandException 67 for an empty body or an empty list, 6 when no JSON object can be found or a row
     *     would not be a JSON object
     */
    public static PutRows parse(String body) {
        if (body == null) {
            throw new CommandException(ErrorCode.JSON_FILE, EMPTY_BODY);
        }
        RowsOut out = RowsOut.inMemory();
        try (BodySpool spool = BodySpool.of(body.getBytes(StandardCharsets.UTF_8))) {
            int rows = PutBodyRows.write(spool, out);
            out.finish(true);
            return new PutRows(new String(out.memory(), 0, out.memoryLength(), StandardCharsets.UTF_8), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory only: cannot happen
        }
    }

    /**
     * Writes the rows of {@code body} to {@code out} as they are produced, with bounded memory whatever the body's
     * size. Call {@link RowsOut#finish} afterwards.
     *
     * @return the number of rows
     * @throws CommandException as {@link #parse}
     * @throws IOException when the spooled body cannot be read or the rows cannot be written
     */
    public static int write(BodySpool body, RowsOut out) throws IOException {
        return PutBodyRows.write(body, out);
    }
}
