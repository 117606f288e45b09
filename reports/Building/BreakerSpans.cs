using Resilience.Load.Records;
using Resilience.Reports.Model;

namespace Resilience.Reports.Building;

/// <summary>
/// Breaker annotations are state entries (Label = state, Subject = breaker): a state lasts until its own
/// end, else until the same breaker's next entry, else until the run ends.
/// </summary>
internal static class BreakerSpans
{
    /// <summary>The breaker states of a record, clamped to 0..<paramref name="durationSeconds"/>, empty spans left out.</summary>
    /// <param name="record">The run record whose <c>breaker</c> annotations are read.</param>
    /// <param name="durationSeconds">The scenario's length; a state with no end lasts until then.</param>
    /// <returns>The spans ordered by breaker name, then by start; a breaker without a subject is named "breaker".</returns>
    public static IReadOnlyList<BreakerSpan> From(RunRecord record, double durationSeconds)
    {
        var spans = new List<BreakerSpan>();
        var byBreaker = record.Annotations
            .Where(a => a.Kind == AnnotationKinds.Breaker)
            .GroupBy(a => a.Subject ?? "breaker", StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal);

        foreach (var breaker in byBreaker)
        {
            var entries = breaker.OrderBy(a => a.Start).ToList();
            for (var i = 0; i < entries.Count; i++)
            {
                var start = Clamp(ScenarioReportBuilder.SecondsSinceStart(record, entries[i].Start), durationSeconds);
                var endInstant = entries[i].End ?? (i + 1 < entries.Count ? entries[i + 1].Start : (DateTimeOffset?)null);
                var end = endInstant is { } e
                    ? Clamp(ScenarioReportBuilder.SecondsSinceStart(record, e), durationSeconds)
                    : Math.Round(durationSeconds, 3);
                if (end > start)
                {
                    spans.Add(new BreakerSpan(breaker.Key, entries[i].Label, start, end));
                }
            }
        }

        return spans;
    }

    private static double Clamp(double seconds, double duration) => Math.Round(Math.Clamp(seconds, 0, duration), 3);
}
