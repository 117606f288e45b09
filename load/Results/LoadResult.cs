using System.Text.Json.Serialization;
using Resilience.Load.Records;

namespace Resilience.Load.Results;

/// <summary>
/// Everything one load run measured. <see cref="Latency"/> counts from each iteration's intended start
/// (coordinated-omission correct in the open model); <see cref="ServiceTime"/> from the moment it was sent.
/// Serialise with <see cref="LoadResultJson"/>, write the timeline with <see cref="TimelineCsv"/>.
/// </summary>
/// <param name="Simulations">The load shape as run, one line per simulation, e.g. "inject 200/s for 10s".</param>
/// <param name="Timeline">One entry per second; the last may be partial (see <see cref="EndedAt"/>).</param>
/// <param name="Thresholds">Each threshold judged over its window.</param>
/// <param name="AbortReason">Why the run stopped early (a failed abort-on-fail threshold or a stop request); null when it ran to the end.</param>
public sealed record LoadResult(
    string Scenario,
    long Seed,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<string> Simulations,
    LoadTotals Totals,
    LatencySummary Latency,
    LatencySummary ServiceTime,
    IReadOnlyList<StepStatistics> Steps,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyDictionary<string, long> DegradedByKind,
    IReadOnlyList<TimelineSecond> Timeline,
    IReadOnlyList<Annotation> Annotations,
    IReadOnlyList<CheckResult> Thresholds,
    string? AbortReason)
{
    public int SchemaVersion { get; init; } = LoadResultJson.CurrentSchemaVersion;

    [JsonIgnore]
    public TimeSpan Duration => EndedAt - StartedAt;

    [JsonIgnore]
    public bool Aborted => AbortReason is not null;

    [JsonIgnore]
    public bool ThresholdsPassed => Thresholds.All(check => check.Passed);

    /// <summary>Completed iterations per second over the whole run.</summary>
    [JsonIgnore]
    public double CompletedPerSecond => Duration > TimeSpan.Zero ? Totals.Completed / Duration.TotalSeconds : 0;

    /// <summary>Errors / completed over the whole run.</summary>
    [JsonIgnore]
    public double ErrorRate => Totals.Completed == 0 ? 0 : Totals.Errors / (double)Totals.Completed;
}
