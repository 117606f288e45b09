using Resilience.Load.Records;
using Resilience.Reports.Model;

namespace Resilience.Reports.Building;

/// <summary>Turns one run record into the report's view of it: figures, windows on the scenario's clock.</summary>
internal static class ScenarioReportBuilder
{
    /// <summary>The scenario's report, with no regressions yet (<see cref="Baseline.BaselineComparer.Attach"/> adds them).</summary>
    /// <param name="record">The scenario's run record.</param>
    /// <param name="timelineCsv">Where its CSV timeline goes, relative to report.json, e.g. "timelines/Chaos.Kill.csv".</param>
    public static ScenarioReport Build(RunRecord record, string timelineCsv)
    {
        var duration = DurationSeconds(record);
        var failedChecks = record.Checks.Where(check => !check.Passed).Select(check => check.Name).ToList();

        return new ScenarioReport(
            record.Scenario,
            record.Suite,
            record.Profile,
            record.Seed,
            record.StartedAt,
            record.EndedAt,
            Math.Round(duration, 3),
            record.Passed ? Verdict.Pass : Verdict.Fail,
            failedChecks,
            record.Failure,
            record.ReplayCommand,
            SlaFiguresOf(record),
            new RecoveryFigures(
                Measure(record, MeasureKeys.Mttr),
                Measure(record, MeasureKeys.TimeToDetect),
                Measure(record, MeasureKeys.TimeToDegrade)),
            Measure(record, MeasureKeys.BreakingPoint),
            LedgerChecks.Judge(record.Checks),
            record.Checks,
            record.Measures.ToDictionary(pair => pair.Key, pair => Finite(pair.Value)),
            WindowsOf(record, AnnotationKinds.Fault),
            BreakerSpans.From(record, duration),
            record.Annotations
                .Where(a => a.Kind is not (AnnotationKinds.Fault or AnnotationKinds.Breaker))
                .Select(a => ToWindow(record, a))
                .ToList(),
            timelineCsv,
            record.Timeline,
            []);
    }

    /// <summary>The run's length; the timeline's when the clock fields are missing or inverted.</summary>
    public static double DurationSeconds(RunRecord record)
    {
        var wallClock = (record.EndedAt - record.StartedAt).TotalSeconds;
        return wallClock > 0 ? wallClock : record.Timeline.Count;
    }

    private static SlaFigures SlaFiguresOf(RunRecord record)
    {
        var timeline = record.Timeline;
        long completed = timeline.Sum(s => s.Completed);
        long errors = timeline.Sum(s => s.Errors);
        var derivedErrorRate = completed == 0 ? 0 : (double)errors / completed;

        return new SlaFigures(
            completed,
            errors,
            Measure(record, MeasureKeys.ErrorRate) ?? derivedErrorRate,
            timeline.Sum(s => s.Degraded),
            timeline.Sum(s => s.Dropped),
            timeline.Count == 0 ? 0 : Math.Round((double)completed / timeline.Count, 3),
            timeline.Count == 0 ? 0 : timeline.Max(s => s.Completed),
            record.Latency,
            record.ServiceTime);
    }

    private static IReadOnlyList<TimelineWindow> WindowsOf(RunRecord record, string kind) =>
        record.Annotations.Where(a => a.Kind == kind).Select(a => ToWindow(record, a)).ToList();

    private static TimelineWindow ToWindow(RunRecord record, Annotation annotation) =>
        new(annotation.Kind,
            annotation.Label,
            annotation.Subject,
            SecondsSinceStart(record, annotation.Start),
            annotation.End is { } end ? SecondsSinceStart(record, end) : null);

    internal static double SecondsSinceStart(RunRecord record, DateTimeOffset instant) =>
        Math.Round((instant - record.StartedAt).TotalSeconds, 3);

    private static double? Measure(RunRecord record, string key) =>
        record.Measures.TryGetValue(key, out var value) ? Finite(value) : null;

    // JSON has no NaN or infinity; a figure that is not a number was not measured.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
