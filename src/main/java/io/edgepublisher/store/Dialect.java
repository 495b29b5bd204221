package io.edgepublisher.store;

/** The two database engines {@code almgm} may live on. */
public enum Dialect {
    SQLITE, PSQL
}
