package io.rowsweep.cli.internal.options;

import io.rowsweep.core.ConnectionErrors;
import io.rowsweep.core.RowSweepException;

import java.sql.SQLException;

/**
 * Where to connect, resolved from flags, environment and properties file.
 *
 * @param urlSource where the URL came from ({@code --url}, {@code ROWSWEEP_URL}, or a file key), named in errors
 * @param user      null to let the driver decide (e.g. a user in the URL)
 * @param password  null when none was given; never printed
 */
public record ConnectionSettings(String url, String urlSource, String user, String password) {

    /** The URL with its credentials masked (password parameters, {@code user:password@}), safe for logs and reports. */
    public String redactedUrl() {
        return ConnectionErrors.redact(url);
    }

    /** A SQL error connecting here as one clear message naming the URL, with no credential in it. */
    public RowSweepException describe(SQLException e) {
        return ConnectionErrors.describe(e, url, user, password);
    }

    @Override
    public String toString() {
        return redactedUrl() + (user == null ? "" : " as " + user);
    }
}
