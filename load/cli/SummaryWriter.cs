using System.Globalization;
using Resilience.Load.Records;
using Resilience.Load.Results;

namespace Resilience.Load.Cli;

/// <summary>The human summary printed after a run.</summary>
internal static class SummaryWriter
{
    public static void Write(TextWriter writer, LoadResult result, TimeSpan processorTime)
    {
        var totals = result.Totals;
        var line = (string label, string text) => writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-11}{text}"));
        writer.WriteLine();
        line("scenario", result.Scenario);
        line("seed", result.Seed.ToString(CultureInfo.InvariantCulture));
        line("load", string.Join(", then ", result.Simulations));
        line("ran", string.Create(CultureInfo.InvariantCulture, $"{result.Duration.TotalSeconds:0.00}s{(result.Aborted ? $" (stopped early: {result.AbortReason})" : string.Empty)}"));
        line("iterations", $"attempted {totals.Attempted}, started {totals.Started}, completed {totals.Completed}, dropped {totals.Dropped}, interrupted {totals.Interrupted}, peak in flight {totals.PeakInFlight}");
        line("rate", string.Create(CultureInfo.InvariantCulture, $"{result.CompletedPerSecond:0.0}/s completed"));
        line("outcomes", string.Create(CultureInfo.InvariantCulture, $"ok {totals.Ok}, degraded {totals.Degraded}{Kinds(result.DegradedByKind)}, errors {totals.Errors} ({result.ErrorRate:0.###%}){Kinds(result.ErrorsByKind)}"));
        line("latency", $"{Percentiles(result.Latency)}   (from intended start)");
        line("service", $"{Percentiles(result.ServiceTime)}   (from send)");
        line("cpu", CpuText(processorTime, totals.Completed));
        if (result.Thresholds.Count > 0)
        {
            writer.WriteLine("  thresholds");
            foreach (var check in result.Thresholds)
            {
                writer.WriteLine($"    {(check.Passed ? "pass" : "FAIL")}  {check.Expected,-32} actual {check.Actual}");
            }
        }
    }

    private static string Percentiles(LatencySummary summary) => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {summary.P50Ms:0.###} ms, p90 {summary.P90Ms:0.###} ms, p95 {summary.P95Ms:0.###} ms, p99 {summary.P99Ms:0.###} ms, p99.9 {summary.P999Ms:0.###} ms, max {summary.MaxMs:0.###} ms");

    /// <summary>The whole process's CPU (engine and HTTP client) per request, the engine's cost figure.</summary>
    private static string CpuText(TimeSpan processorTime, long completed) => completed == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{processorTime.TotalSeconds:0.00}s process CPU")
        : string.Create(CultureInfo.InvariantCulture, $"{processorTime.TotalSeconds:0.00}s process CPU, {processorTime.TotalMilliseconds * 1000 / completed:0.0} ms per 1000 requests");

    private static string Kinds(IReadOnlyDictionary<string, long> kinds) =>
        kinds.Count == 0 ? string.Empty : $" [{string.Join(", ", kinds.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Key} {pair.Value}"))}]";
}
