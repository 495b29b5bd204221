package io.edgepublisher.intake.mapping;

/** A message that cannot be mapped (124 with {@link #getMessage()} as detail). Cheap: no stack trace. */
final class MappingFailure extends Exception {
    private static final long serialVersionUID = 1L;

    MappingFailure(String detail) {
        super(detail, null, false, false);
    }
}
