package io.rowsweep.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What the numbers were measured on.
 *
 * @param memoryBytes physical memory, or -1 if the JVM cannot tell
 */
public record MachineInfo(String cpu, int cores, long memoryBytes, String os, String jvm, String database, String driver) {

    public static MachineInfo describe(Connection connection) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        return new MachineInfo(cpuModel(), Runtime.getRuntime().availableProcessors(), physicalMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                md.getDatabaseProductName() + " " + md.getDatabaseProductVersion(),
                md.getDriverName() + " " + md.getDriverVersion());
    }

    /** The one-minute load average now, or -1 if the system does not say. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long physicalMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
