using System.Globalization;

namespace Resilience.Load;

/// <summary>
/// A live report of a running load test, covering the seconds since the previous report.
/// Latency is from the intended start, in milliseconds.
/// </summary>
/// <param name="Scenario">The name of the scenario running.</param>
/// <param name="Elapsed">Run time up to the end of the last second covered.</param>
/// <param name="CompletedPerSecond">Completed iterations per second over the covered seconds.</param>
/// <param name="P95Ms">95th percentile latency over the covered seconds.</param>
/// <param name="Errors">Errors in the covered seconds.</param>
/// <param name="ErrorRate">Errors / completed in the covered seconds.</param>
/// <param name="Dropped">Open-model arrivals dropped at max-in-flight in the covered seconds.</param>
/// <param name="InFlight">Iterations in flight at the end of the last covered second.</param>
/// <param name="TotalCompleted">Completed iterations since the start.</param>
public sealed record LoadProgress(
    string Scenario,
    TimeSpan Elapsed,
    double CompletedPerSecond,
    double P95Ms,
    long Errors,
    double ErrorRate,
    long Dropped,
    long InFlight,
    long TotalCompleted)
{
    /// <summary>The report as one aligned line, e.g. <c>[orders    10s] rate    200.0/s  p95     12.3 ms  errors 0 (0%)  dropped 0  in flight 3</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"[{Scenario} {Elapsed.TotalSeconds,5:0}s] rate {CompletedPerSecond,8:0.0}/s  p95 {P95Ms,8:0.0} ms  errors {Errors} ({ErrorRate:0.##%})  dropped {Dropped}  in flight {InFlight}");
}
