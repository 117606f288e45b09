using System.Globalization;
using System.Text;
using Resilience.Load.Records;
using Resilience.Reports.Model;

namespace Resilience.Reports.Writers;

/// <summary>
/// One CSV per scenario, one row per second: the load figures, one column per error kind, and the fault
/// windows and breaker states in force that second, for a spreadsheet or a plotting tool.
/// </summary>
internal static class CsvTimelineWriter
{
    private static readonly string[] FixedColumns =
    [
        "second", "start", "attempted", "started", "completed", "ok", "degraded", "errors", "dropped", "in_flight",
        "p50_ms", "p95_ms", "p99_ms", "max_ms",
    ];

    /// <summary>Writes each scenario's CSV to its <see cref="ScenarioReport.TimelineCsv"/> path under <paramref name="directory"/>.</summary>
    /// <param name="report">The report whose scenarios are written.</param>
    /// <param name="directory">The report's folder; the timelines folder is created in it when missing.</param>
    /// <param name="cancellationToken">Stops writing files.</param>
    /// <returns>The written files' paths, in the report's scenario order.</returns>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(SignoffReport report, string directory, CancellationToken cancellationToken = default)
    {
        var paths = new List<string>(report.Scenarios.Count);
        foreach (var scenario in report.Scenarios)
        {
            var path = Path.Combine(directory, scenario.TimelineCsv);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, Render(scenario), cancellationToken);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>
    /// The CSV text, rows ended by CRLF: a header (second, start, attempted, ..., max_ms, one errors_&lt;kind&gt;
    /// column per error kind, faults, breakers), then one row per timeline second. Invariant culture.
    /// </summary>
    public static string Render(ScenarioReport scenario)
    {
        var errorKinds = scenario.Timeline
            .SelectMany(second => second.ErrorsByKind.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        var csv = new StringBuilder();
        AppendRow(csv, FixedColumns.Concat(errorKinds.Select(kind => $"errors_{kind}")).Append("faults").Append("breakers").Select(Text));
        foreach (var second in scenario.Timeline)
        {
            AppendRow(csv, Figures(second)
                .Concat(errorKinds.Select(kind => Number(second.ErrorsByKind.GetValueOrDefault(kind))))
                .Append(Text(ActiveFaults(scenario, second.Second)))
                .Append(Text(BreakerStates(scenario, second.Second))));
        }

        return csv.ToString();
    }

    private static IEnumerable<string> Figures(TimelineSecond s) =>
    [
        Number(s.Second), s.Start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        Number(s.Attempted), Number(s.Started), Number(s.Completed), Number(s.Ok), Number(s.Degraded),
        Number(s.Errors), Number(s.Dropped), Number(s.InFlight),
        Number(s.P50Ms), Number(s.P95Ms), Number(s.P99Ms), Number(s.MaxMs),
    ];

    // A second [n, n+1) is under a fault when the window overlaps it; an instant marks the second it falls in.
    private static string ActiveFaults(ScenarioReport scenario, int second) => string.Join("; ", scenario.Faults
        .Where(f => f.EndS is { } end ? f.StartS < second + 1 && end > second : f.StartS >= second && f.StartS < second + 1)
        .Select(f => f.Label));

    private static string BreakerStates(ScenarioReport scenario, int second) => string.Join("; ", scenario.BreakerStates
        .Where(b => b.StartS <= second && b.EndS > second)
        .Select(b => $"{b.Breaker}={b.State}"));

    private static void AppendRow(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(',', cells)).Append("\r\n");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, and text that a spreadsheet would run as a formula is made inert.</summary>
    private static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
