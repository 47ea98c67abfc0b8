package org.helperscripts.telemetry.bench;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this process has used. The generator shares the cores with the server, so the
 * results say how much of them it took: the rest is what the server had.
 */
final class GeneratorCpu {

    private GeneratorCpu() {
    }

    /** Nanoseconds of CPU used so far, or -1 where the JVM cannot tell. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
