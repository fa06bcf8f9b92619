package io.rowsweep.bench;

import java.util.List;
import java.util.function.ToLongFunction;

/** The measured runs of one contender at one worker count. */
public record Measurement(String contender, int workers, List<RunSample> samples) {

    public Measurement {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples for " + contender + " at " + workers + " workers");
        }
        samples = List.copyOf(samples);
    }

    public double medianWallSeconds() {
        return median(RunSample::wallNanos) / 1e9;
    }

    /** Median seconds of the contender's own run inside its process, or -1 if not measured (a launched program). */
    public double medianRunSeconds() {
        return samples.get(0).runNanos() < 0 ? -1 : median(RunSample::runNanos) / 1e9;
    }

    /** The fastest run: the one least disturbed by anything else running on the machine. */
    public double bestWallSeconds() {
        return samples.stream().mapToLong(RunSample::wallNanos).min().orElseThrow() / 1e9;
    }

    /** Rows per second of the median wall time. */
    public double rowsPerSecond() {
        return samples.get(0).result().rows() / medianWallSeconds();
    }

    /** Largest peak resident memory over the samples, or -1 if not measured. */
    public long peakRssBytes() {
        return samples.stream().mapToLong(RunSample::peakRssBytes).max().orElse(-1);
    }

    /** Median CPU seconds of the whole process, or -1 if not measured. */
    public double medianCpuSeconds() {
        return samples.get(0).cpuNanos() < 0 ? -1 : median(RunSample::cpuNanos) / 1e9;
    }

    /** Median CPU seconds the rest of the machine used during a run, or -1 if not measured. */
    public double medianOtherCpuSeconds() {
        return samples.get(0).otherCpuNanos() < 0 ? -1 : median(RunSample::otherCpuNanos) / 1e9;
    }

    private double median(ToLongFunction<RunSample> value) {
        long[] v = samples.stream().mapToLong(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }
}
