using HdrHistogram;
using Resilience.Load.Records;

namespace Resilience.Load.Metrics;

/// <summary>
/// The engine's one histogram shape: microseconds from 1 µs to one hour at 3 significant digits, so any
/// reported percentile is within 0.1 % of the exact value over the same samples.
/// </summary>
internal static class LatencyHistograms
{
    public const long HighestMicroseconds = 3_600_000_000;
    public const int SignificantDigits = 3;

    /// <summary>Safe for concurrent writers; the hot path records into these.</summary>
    public static HistogramBase CreateConcurrent() => new LongConcurrentHistogram(1, HighestMicroseconds, SignificantDigits);

    /// <summary>
    /// Concurrent with 32-bit counts, half the memory: enough for one second of the timeline (fewer than 2³¹
    /// completions), not for a whole run.
    /// </summary>
    public static HistogramBase CreateConcurrentForOneSecond() => new IntConcurrentHistogram(1, HighestMicroseconds, SignificantDigits);

    /// <summary>Single-writer histogram for merged views (whole run, windows).</summary>
    public static HistogramBase Create() => new LongHistogram(HighestMicroseconds, SignificantDigits);

    public static void Record(HistogramBase histogram, long microseconds) =>
        histogram.RecordValue(Math.Clamp(microseconds, 0, HighestMicroseconds));

    public static double ToMilliseconds(long microseconds) => microseconds / 1000.0;

    public static double PercentileMs(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : ToMilliseconds(histogram.GetValueAtPercentile(percentile));

    public static double MaxMs(HistogramBase histogram) =>
        histogram.TotalCount == 0 ? 0 : ToMilliseconds(histogram.GetMaxValue());

    public static LatencySummary Summarize(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return LatencySummary.Empty;
        }

        var lowest = histogram.RecordedValues().First().ValueIteratedTo;
        return new LatencySummary(
            Count: histogram.TotalCount,
            MinMs: ToMilliseconds(histogram.LowestEquivalentValue(lowest)),
            MeanMs: histogram.GetMean() / 1000.0,
            P50Ms: PercentileMs(histogram, 50),
            P90Ms: PercentileMs(histogram, 90),
            P95Ms: PercentileMs(histogram, 95),
            P99Ms: PercentileMs(histogram, 99),
            P999Ms: PercentileMs(histogram, 99.9),
            MaxMs: MaxMs(histogram));
    }
}
