package io.ponte.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of one process and of the whole machine at one instant, read from Linux /proc. Two samples give how much
 * of the 2 shared cores the server under test used during a phase, and how busy the machine was overall (load
 * generator, sink and database included): a server that is not CPU-bound while throughput is flat is waiting on
 * something (locks, fsync, the pool).
 *
 * <p>Assumes USER_HZ = 100, which is what every mainstream Linux kernel exports. Off Linux, all values are -1.
 *
 * @param processTicks utime + stime of the process, in clock ticks
 * @param selfTicks    the same for this JVM (the load generator competes for the same cores)
 * @param machineBusy  non-idle ticks summed over all CPUs
 * @param machineTotal all ticks summed over all CPUs
 * @param nanos        System.nanoTime() of the sample
 */
record CpuSample(long processTicks, long selfTicks, long machineBusy, long machineTotal, long nanos) {

    private static final double TICKS_PER_SECOND = 100.0;

    static CpuSample take(long pid) {
        return new CpuSample(processTicks(pid), processTicks(ProcessHandle.current().pid()), machine(false),
                machine(true), System.nanoTime());
    }

    /** What happened between this sample and a later one, as JSON-ready fields. */
    Map<String, Object> until(CpuSample later) {
        Map<String, Object> out = new LinkedHashMap<>();
        double wall = (later.nanos - nanos) / 1e9;
        boolean known = processTicks >= 0 && later.processTicks >= 0 && wall > 0;
        double cpu = known ? (later.processTicks - processTicks) / TICKS_PER_SECOND : -1;
        out.put("serverCpuS", Math.round(cpu * 100) / 100.0);
        // 100 = one core fully used; the machine has Runtime.availableProcessors() of them.
        out.put("serverCpuPct", known ? Math.round(cpu / wall * 100) : -1);
        out.put("loadGeneratorCpuPct", selfTicks >= 0 && later.selfTicks >= 0 && wall > 0
                ? Math.round((later.selfTicks - selfTicks) / TICKS_PER_SECOND / wall * 100) : -1);
        long total = later.machineTotal - machineTotal;
        out.put("machineBusyPct", total > 0 && machineBusy >= 0
                ? Math.round((later.machineBusy - machineBusy) * 100.0 / total) : -1);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        return out;
    }

    private static long processTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15 of stat)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long machine(boolean total) {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst(); // "cpu  user nice system idle iowait ..."
            String[] f = cpu.trim().split("\\s+");
            long sum = 0;
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user..steal; guest is already counted in user
                sum += Long.parseLong(f[i]);
            }
            return total ? sum : sum - idle;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
