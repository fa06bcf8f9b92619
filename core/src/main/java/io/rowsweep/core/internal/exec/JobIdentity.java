package io.rowsweep.core.internal.exec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A job's spec hash, and the name derived from it when the user gives none. */
public final class JobIdentity {

    private JobIdentity() {
    }

    public static String hash(String kind, String spec) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(spec.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code validate-3fa2b1c40d9e}: re-running the same command finds the same job. */
    public static String derivedName(String kind, String hash) {
        return kind + "-" + hash.substring(0, 12);
    }

    /** {@code host:pid}, naming this process in job state. */
    public static String processId() {
        return host() + ":" + ProcessHandle.current().pid();
    }

    /** This machine's host name, or {@code localhost} when it has none. */
    public static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** The operating system user running this process ({@code user.name}). */
    public static String user() {
        return System.getProperty("user.name", "unknown");
    }
}
