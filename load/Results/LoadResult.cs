using System.Text.Json.Serialization;
using Resilience.Load.Records;

namespace Resilience.Load.Results;

/// <summary>
/// Everything one load run measured. <see cref="Latency"/> counts from each iteration's intended start
/// (coordinated-omission correct in the open model); <see cref="ServiceTime"/> from the moment it was sent.
/// Serialise with <see cref="LoadResultJson"/>, write the timeline with <see cref="TimelineCsv"/>.
/// </summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The seed the run used; <see cref="LoadTestBuilder.WithSeed"/> with it replays every random choice.</param>
/// <param name="StartedAt">When the load started (second 0 of the timeline).</param>
/// <param name="EndedAt">When the last iteration finished or was given up on.</param>
/// <param name="Simulations">The load shape as run, one line per simulation, e.g. "inject 200/s for 10s".</param>
/// <param name="Totals">Whole-run counts of iterations.</param>
/// <param name="Latency">Latency from each iteration's intended start, over the whole run.</param>
/// <param name="ServiceTime">Latency from the moment each iteration was started, over the whole run.</param>
/// <param name="Steps">Counts and latencies per scenario step, in the scenario's order.</param>
/// <param name="ErrorsByKind">Errors over the whole run by kind, e.g. <c>http_503</c>, <c>timeout</c>.</param>
/// <param name="DegradedByKind">Degraded answers over the whole run by kind, e.g. <c>stale</c>.</param>
/// <param name="Timeline">One entry per second; the last may be partial (see <see cref="EndedAt"/>).</param>
/// <param name="Annotations">Phases, fault windows and other marks on the run's clock; windows still open are closed at the end.</param>
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
    /// <summary>The version of the JSON shape; <see cref="LoadResultJson"/> refuses a newer one than it knows.</summary>
    public int SchemaVersion { get; init; } = LoadResultJson.CurrentSchemaVersion;

    /// <summary>From <see cref="StartedAt"/> to <see cref="EndedAt"/>.</summary>
    [JsonIgnore]
    public TimeSpan Duration => EndedAt - StartedAt;

    /// <summary>True when the run stopped before its simulations ended (see <see cref="AbortReason"/>).</summary>
    [JsonIgnore]
    public bool Aborted => AbortReason is not null;

    /// <summary>True when every threshold passed (also when there are none).</summary>
    [JsonIgnore]
    public bool ThresholdsPassed => Thresholds.All(check => check.Passed);

    /// <summary>Completed iterations per second over the whole run.</summary>
    [JsonIgnore]
    public double CompletedPerSecond => Duration > TimeSpan.Zero ? Totals.Completed / Duration.TotalSeconds : 0;

    /// <summary>Errors / completed over the whole run.</summary>
    [JsonIgnore]
    public double ErrorRate => Totals.Completed == 0 ? 0 : Totals.Errors / (double)Totals.Completed;
}
