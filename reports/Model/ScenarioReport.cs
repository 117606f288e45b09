using Resilience.Load.Records;

namespace Resilience.Reports.Model;

/// <summary>One scenario's run as the report shows it: verdict, figures, windows and timeline.</summary>
/// <param name="FailedChecks">Names of the checks that failed: the thresholds the verdict hangs on.</param>
/// <param name="TimelineCsv">Path of the scenario's CSV timeline, relative to report.json.</param>
/// <param name="Regressions">This scenario's regressions against the baseline.</param>
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
/// <param name="ErrorRate">Errors per completed request, 0..1.</param>
/// <param name="Dropped">Iterations the load engine could not start on time (open model).</param>
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
public sealed record RecoveryFigures(double? MttrS, double? TimeToDetectS, double? TimeToDegradeS);

/// <param name="Detail">What the failing ledger check measured, e.g. the lost idempotency keys.</param>
public sealed record LedgerResult(LedgerStatus Status, string? Detail);

public enum LedgerStatus
{
    NotChecked,
    Passed,
    Failed,
}

/// <summary>An annotation placed on the scenario's clock: seconds since the scenario started.</summary>
/// <param name="EndS">Null for an instant (e.g. a process kill).</param>
public sealed record TimelineWindow(string Kind, string Label, string? Subject, double StartS, double? EndS);

/// <summary>A breaker held <paramref name="State"/> from <paramref name="StartS"/> to <paramref name="EndS"/>.</summary>
public sealed record BreakerSpan(string Breaker, string State, double StartS, double EndS);
