using Resilience.Reports.Model;

namespace Resilience.Reports.Writers;

/// <summary>The order tables list scenarios in: what needs attention first, then by suite and name.</summary>
internal static class ReportOrder
{
    /// <summary>Failed scenarios, then passed ones with regressions, then the rest; each group by suite, then name (ordinal).</summary>
    public static IEnumerable<ScenarioReport> FailuresFirst(IEnumerable<ScenarioReport> scenarios) =>
        scenarios
            .OrderBy(s => s.Verdict == Verdict.Fail ? 0 : s.Regressions.Count > 0 ? 1 : 2)
            .ThenBy(s => s.Suite, StringComparer.Ordinal)
            .ThenBy(s => s.Scenario, StringComparer.Ordinal);
}
