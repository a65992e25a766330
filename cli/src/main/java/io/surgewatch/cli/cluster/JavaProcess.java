package io.surgewatch.cli.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of the local cluster, started detached: its output goes to a file under logs/ and its pid to
 * pids/NAME.pid, so that {@code cluster down} (another JVM) and the failover test find it.
 */
final class JavaProcess {
    /** What Flink's own scripts pass to a Java 17 JVM (env.java.opts.all of flink-dist's config.yaml). */
    static final List<String> FLINK_JAVA17_OPTS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private JavaProcess() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: build first (./surgewatch builds on first use, or mvn install -DskipTests)");
        }
        return Files.readString(file).trim();
    }

    /** Starts {@code command}, its output appended to logs/NAME.out; returns its pid, also written to pids/NAME.pid. */
    static long start(ClusterLayout layout, String name, List<String> command) throws IOException {
        Path out = layout.logs().resolve(name + ".out");
        Process process = new ProcessBuilder(command)
                .directory(layout.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .start();
        Files.writeString(pidFile(layout, name), Long.toString(process.pid()));
        return process.pid();
    }

    /** Runs {@code command} to its end and returns its output: for Flink's BashJavaUtils. */
    static List<String> output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command.subList(Math.max(0, command.size() - 3), command.size()))
                    + "' failed: " + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
        return lines;
    }

    /** The live process of pids/NAME.pid, if any. */
    static Optional<ProcessHandle> running(ClusterLayout layout, String name) throws IOException {
        Path pid = pidFile(layout, name);
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).filter(ProcessHandle::isAlive);
    }

    /** Stops pids/NAME.pid: SIGTERM, then SIGKILL after {@code graceSeconds}; {@code graceSeconds} 0 kills at once. */
    static boolean stop(ClusterLayout layout, String name, int graceSeconds) throws IOException {
        Optional<ProcessHandle> process = running(layout, name);
        Files.deleteIfExists(pidFile(layout, name));
        if (process.isEmpty()) {
            return false;
        }
        ProcessHandle p = process.get();
        if (graceSeconds > 0) {
            p.destroy();
            try {
                p.onExit().get(graceSeconds, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                // did not stop in time: killed below
            }
        }
        p.destroyForcibly();
        p.onExit().join();
        return true;
    }

    static List<String> command(String classpath, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    private static Path pidFile(ClusterLayout layout, String name) {
        return layout.pids().resolve(name + ".pid");
    }
}
