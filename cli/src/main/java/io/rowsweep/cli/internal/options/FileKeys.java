package io.rowsweep.cli.internal.options;

import java.util.Collection;

/** A mixin whose options can also be given in the properties file, under these keys. */
public interface FileKeys {

    Collection<String> fileKeys();
}
