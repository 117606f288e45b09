using Resilience.Load.Records;

namespace Resilience.Reports.Model;

/// <summary>One scenario's run as the report shows it: verdict, figures, windows and timeline.</summary>
/// <param name="Scenario">The run record's scenario name, e.g. "Chaos.Postgres_latency_serves_stale_reads".</param>
/// <param name="Suite">The suite that ran it: "Chaos", "Recovery", "Sla" or a user's own grouping.</param>
/// <param name="Profile">The RESILIENCE_PROFILE the scenario ran under, e.g. "ci".</param>
/// <param name="Seed">The seed of every random choice in the scenario's run.</param>
/// <param name="StartedAt">When the load started.</param>
/// <param name="EndedAt">When the run ended, recovery included.</param>
/// <param name="DurationS">Seconds from start to end (rounded to ms); the timeline's length when the clock fields are unusable.</param>
/// <param name="Verdict">The run record's own verdict; a regression does not change it.</param>
/// <param name="FailedChecks">Names of the checks that failed: the thresholds the verdict hangs on.</param>
/// <param name="Failure">The assertion message when the run failed; null when it passed.</param>
/// <param name="ReplayCommand">The command that replays the run with the same seed; null when the record has none.</param>
/// <param name="Sla">The figures the SLA is judged on, over the whole run.</param>
/// <param name="Recovery">MTTR, time to detect and time to degrade, from the record's measures.</param>
/// <param name="BreakingPointRps">The highest rate at which the SLA held (requests per second); null when not measured.</param>
/// <param name="Ledger">The verdict of the write-ledger checks (no lost or duplicated writes).</param>
/// <param name="Checks">Every requirement the run judged, passed or not.</param>
/// <param name="Measures">All of the record's named measures; a NaN or infinite one becomes null.</param>
/// <param name="Faults">The fault windows, on the scenario's clock.</param>
/// <param name="BreakerStates">Which state each circuit breaker held, and when.</param>
/// <param name="Marks">The other annotations (load phases, notes, a user's own kinds).</param>
/// <param name="TimelineCsv">Path of the scenario's CSV timeline, relative to report.json.</param>
/// <param name="Timeline">The run record's timeline, one entry per second.</param>
/// <param name="Regressions">This scenario's regressions against the baseline; empty without one.</param>
public sealed record ScenarioReport(
    string Scenario,
    string Suite,
    string Profile,
    long Seed,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    double DurationS,
    Verdict Verdict,
    IReadOnlyList<string> FailedChecks,
    string? Failure,
    string? ReplayCommand,
    SlaFigures Sla,
    RecoveryFigures Recovery,
    double? BreakingPointRps,
    LedgerResult Ledger,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyDictionary<string, double?> Measures,
    IReadOnlyList<TimelineWindow> Faults,
    IReadOnlyList<BreakerSpan> BreakerStates,
    IReadOnlyList<TimelineWindow> Marks,
    string TimelineCsv,
    IReadOnlyList<TimelineSecond> Timeline,
    IReadOnlyList<Regression> Regressions);

/// <summary>The figures an SLA is judged on, over the whole scenario.</summary>
/// <param name="Requests">Completed requests, whatever their outcome.</param>
/// <param name="Errors">Completed requests that failed.</param>
/// <param name="ErrorRate">Errors per completed request, 0..1; the suite's own figure when it recorded one.</param>
/// <param name="Degraded">Completed requests served in a degraded way (e.g. a stale read).</param>
/// <param name="Dropped">Iterations the load engine could not start on time (open model).</param>
/// <param name="ThroughputRps">Completed requests per second, averaged over the timeline's seconds.</param>
/// <param name="PeakThroughputRps">The most requests completed in any one second.</param>
/// <param name="Latency">Latency from each iteration's intended start (queueing behind a slow service included).</param>
/// <param name="ServiceTime">Latency from each iteration's actual start (the service's own time).</param>
public sealed record SlaFigures(
    long Requests,
    long Errors,
    double ErrorRate,
    long Degraded,
    long Dropped,
    double ThroughputRps,
    double PeakThroughputRps,
    LatencySummary Latency,
    LatencySummary ServiceTime);

/// <summary>Seconds; null when the scenario has no fault or the figure was not reached.</summary>
/// <param name="MttrS">From the fault's removal until the SLA held again.</param>
/// <param name="TimeToDetectS">From the fault's start until a circuit breaker was seen open.</param>
/// <param name="TimeToDegradeS">From the fault's start until the first degraded answer.</param>
public sealed record RecoveryFigures(double? MttrS, double? TimeToDetectS, double? TimeToDegradeS);

/// <summary>The verdict of a scenario's write-ledger checks, those named after the ledger or lost/duplicated writes.</summary>
/// <param name="Status">Whether such checks ran, and whether they all passed.</param>
/// <param name="Detail">What the failing ledger check measured, e.g. the lost idempotency keys.</param>
public sealed record LedgerResult(LedgerStatus Status, string? Detail);

/// <summary>Whether a scenario's writes were checked against a ledger, and how that went.</summary>
public enum LedgerStatus
{
    /// <summary>The scenario has no ledger check.</summary>
    NotChecked,

    /// <summary>Every ledger check passed.</summary>
    Passed,

    /// <summary>At least one ledger check failed.</summary>
    Failed,
}

/// <summary>An annotation placed on the scenario's clock: seconds since the scenario started.</summary>
/// <param name="Kind">The annotation kind, e.g. "fault", "phase" or "note".</param>
/// <param name="Label">Human text, e.g. "postgres latency 500ms".</param>
/// <param name="Subject">What it applies to, e.g. the proxy name "postgres"; null when the record names none.</param>
/// <param name="StartS">When the window opened, or the instant.</param>
/// <param name="EndS">Null for an instant (e.g. a process kill).</param>
public sealed record TimelineWindow(string Kind, string Label, string? Subject, double StartS, double? EndS);

/// <summary>A breaker held <paramref name="State"/> from <paramref name="StartS"/> to <paramref name="EndS"/>.</summary>
/// <param name="Breaker">The breaker's name (the annotation's subject), e.g. "postgres".</param>
/// <param name="State">The state it held, e.g. "Open", "HalfOpen" or "Closed".</param>
/// <param name="StartS">Seconds since the scenario started, within the run.</param>
/// <param name="EndS">Seconds since the scenario started; at most the run's duration.</param>
public sealed record BreakerSpan(string Breaker, string State, double StartS, double EndS);
