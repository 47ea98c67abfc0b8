package org.helperscripts.telemetry.bench;

import java.util.List;
import java.util.Random;

/**
 * What the bash clients send for one run: an {@code installing} report when the script starts and
 * a final one when it ends, both carrying the full field set. Outcomes come in the shares the
 * project plans for (85 % success, 12 % failed, 3 % aborted), and failures carry the exit codes
 * and error texts the clients really capture, so that the server spends its time on the same
 * parsing, anonymising and merging as in production.
 */
final class ClientBehaviour {

    private static final int[] FAILURE_EXIT_CODES = {1, 100, 127, 137, 28, 6};
    private static final String[] MISSING_PACKAGES = {
        "libssl1.1", "python3-distutils", "openjdk-11-jre-headless", "libicu72", "mongodb-org"};
    private static final String[] MISSING_COMMANDS = {"jq", "unzip", "gpg", "git", "node"};
    private static final int[] LXC_DISK_GB = {2, 4, 4, 6, 8, 8, 10, 12, 16, 20, 32, 64};
    private static final int[] VM_DISK_GB = {8, 16, 32, 32, 64, 128};
    private static final int[] LXC_CORES = {1, 1, 2, 2, 2, 4, 4, 6, 8};
    private static final int[] VM_CORES = {2, 2, 4, 4, 8};
    private static final int[] LXC_RAM_MB = {512, 1024, 1024, 2048, 2048, 4096, 8192};
    private static final int[] VM_RAM_MB = {2048, 4096, 4096, 8192, 16384};

    private final List<Script> scripts;
    private final Random random;

    ClientBehaviour(List<Script> scripts, Random random) {
        this.scripts = scripts;
        this.random = random;
    }

    RunReports nextRun() {
        Script script = scripts.get(random.nextInt(scripts.size()));
        Install install = nextInstall(script);
        ReportJson installing = install.write(new ReportJson(), "installing");

        ReportJson outcome;
        int roll = random.nextInt(100);
        if (roll < 85) {
            outcome = install.write(new ReportJson(), "success")
                    .number("exit_code", 0)
                    .number("install_duration", 40 + random.nextInt(900));
        } else if (roll < 97) {
            int exitCode = FAILURE_EXIT_CODES[random.nextInt(FAILURE_EXIT_CODES.length)];
            outcome = install.write(new ReportJson(), "failed")
                    .number("exit_code", exitCode)
                    .string("error", errorText(exitCode, script))
                    .number("install_duration", 5 + random.nextInt(600));
        } else {
            outcome = install.write(new ReportJson(), "aborted")
                    .number("exit_code", 130)
                    .number("install_duration", 1 + random.nextInt(60));
        }
        return new RunReports(installing.body(), outcome.body());
    }

    private Install nextInstall(Script script) {
        boolean vm = "vm".equals(script.type());
        boolean container = "lxc".equals(script.type());
        Integer ctType = vm ? Integer.valueOf(2) : container ? Integer.valueOf(random.nextInt(4) == 0 ? 0 : 1) : null;
        String osType;
        String osVersion;
        int osRoll = random.nextInt(100);
        if (osRoll < 60 || !container && !vm) {
            osType = "debian";
            osVersion = random.nextInt(3) == 0 ? "13" : "12";
        } else if (osRoll < 85 || vm) {
            osType = "ubuntu";
            osVersion = random.nextBoolean() ? "24.04" : "22.04";
        } else {
            osType = "alpine";
            osVersion = random.nextBoolean() ? "3.22" : "3.21";
        }
        return new Install(script, ctType,
                vm ? pick(VM_DISK_GB) : pick(LXC_DISK_GB),
                vm ? pick(VM_CORES) : pick(LXC_CORES),
                vm ? pick(VM_RAM_MB) : pick(LXC_RAM_MB),
                osType, osVersion,
                "8." + random.nextInt(5) + "." + random.nextInt(17),
                random.nextInt(4) == 0 ? "advanced" : "default",
                gpuVendor(), cpuVendor());
    }

    /** Hosts without a GPU send the field empty, as the clients' unset variable does. */
    private String gpuVendor() {
        int roll = random.nextInt(100);
        return roll < 40 ? "intel" : roll < 50 ? "amd" : roll < 65 ? "nvidia" : "";
    }

    private String cpuVendor() {
        int roll = random.nextInt(100);
        return roll < 60 ? "intel" : roll < 98 ? "amd" : "arm";
    }

    /** Texts as the clients capture them, addresses included: the server must anonymise them. */
    private String errorText(int exitCode, Script script) {
        return switch (exitCode) {
            case 100 -> "E: Unable to locate package "
                    + (random.nextBoolean() ? script.nsapp() : MISSING_PACKAGES[random.nextInt(MISSING_PACKAGES.length)]);
            case 127 -> "bash: line " + (20 + random.nextInt(200)) + ": "
                    + MISSING_COMMANDS[random.nextInt(MISSING_COMMANDS.length)] + ": command not found";
            case 137 -> "Killed: out of memory while building " + script.nsapp() + " (npm run build)";
            case 28 -> "curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received";
            case 6 -> "curl: (6) Could not resolve host: github.com";
            default -> "curl: (7) Failed to connect to 192.168.1." + (2 + random.nextInt(250))
                    + " port 443 after " + (1 + random.nextInt(3000)) + " ms: Couldn't connect to server";
        };
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    /** What stays the same across the reports of one run. */
    private record Install(Script script, Integer ctType, int diskGb, int cores, int ramMb, String osType,
                           String osVersion, String pveVersion, String method, String gpuVendor, String cpuVendor) {

        ReportJson write(ReportJson json, String status) {
            json.string("random_id", RequestTemplate.RANDOM_ID_MARK)
                    .string("execution_id", RequestTemplate.EXECUTION_ID_MARK)
                    .string("type", script.type())
                    .string("nsapp", script.nsapp())
                    .string("status", status);
            // host-side tools (addon, pve) create no guest, so the clients send no guest resources
            if (ctType != null) {
                json.number("ct_type", ctType)
                        .number("disk_size", diskGb)
                        .number("core_count", cores)
                        .number("ram_size", ramMb);
            }
            return json.string("os_type", osType)
                    .string("os_version", osVersion)
                    .string("pve_version", pveVersion)
                    .string("method", method)
                    .string("repo_source", "ProxmoxVE")
                    .string("gpu_vendor", gpuVendor)
                    .string("cpu_vendor", cpuVendor);
        }
    }
}
