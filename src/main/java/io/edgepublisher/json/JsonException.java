package io.edgepublisher.json;

/** Text that is not the JSON expected; the message names the problem and its position. */
public class JsonException extends Exception {
    private final int position;

    public JsonException(String message, int position) {
        super(message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
