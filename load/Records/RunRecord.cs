namespace Resilience.Load.Records;

/// <summary>
/// Everything one scenario run leaves behind: what was asked, what happened second by second,
/// what was judged and how to replay it. The suites write one per run to artifacts/resilience/;
/// the report generator reads them. Serialise with <see cref="RunRecordJson"/>.
/// </summary>
/// <param name="Scenario">Stable scenario name, e.g. "Chaos.Postgres_latency_serves_stale_reads".</param>
/// <param name="Suite">"Chaos", "Recovery", "Sla" or a user's own grouping.</param>
/// <param name="Profile">RESILIENCE_PROFILE the run used: "ci", "nightly" or "signoff".</param>
/// <param name="Seed">The seed of every random choice in the run.</param>
/// <param name="StartedAt">When the load started.</param>
/// <param name="EndedAt">When the run ended, recovery included.</param>
/// <param name="Passed">The verdict: every check passed and the run completed.</param>
/// <param name="Failure">The assertion message when the run failed, secrets scrubbed.</param>
/// <param name="Checks">Every requirement judged, passed or not.</param>
/// <param name="Measures">Named figures in SI units with the unit as suffix, e.g. "mttr_s", "time_to_detect_s",
/// "success_ratio_during_fault", "breaking_point_rps". Null when not applicable or not reached.</param>
/// <param name="Latency">Latency from each iteration's intended start (includes queueing behind a slow service).</param>
/// <param name="ServiceTime">Latency from each iteration's actual start (the service's own time).</param>
/// <param name="Timeline">One entry per second of the run.</param>
/// <param name="Annotations">Fault windows, breaker states and phases on the run's clock.</param>
/// <param name="ReplayCommand">The one command that replays this run with the same seed.</param>
public sealed record RunRecord(
    string Scenario,
    string Suite,
    string Profile,
    long Seed,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    bool Passed,
    string? Failure,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyDictionary<string, double?> Measures,
    LatencySummary Latency,
    LatencySummary ServiceTime,
    IReadOnlyList<TimelineSecond> Timeline,
    IReadOnlyList<Annotation> Annotations,
    string? ReplayCommand)
{
    /// <summary>The version of this JSON shape the record was written in; readers refuse a newer one than they know.</summary>
    public int SchemaVersion { get; init; } = RunRecordJson.CurrentSchemaVersion;
}
