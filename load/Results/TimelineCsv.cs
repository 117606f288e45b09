using System.Globalization;
using Resilience.Load.Records;

namespace Resilience.Load.Results;

/// <summary>
/// The per-second timeline as CSV, one row per second, invariant culture. Errors by kind go in one column as
/// "kind=count" pairs separated by ';', so the file stays rectangular whatever kinds occur.
/// </summary>
public static class TimelineCsv
{
    /// <summary>The first line of the file: the column names, latencies in milliseconds.</summary>
    public const string Header =
        "second,start,attempted,started,completed,ok,degraded,errors,dropped,in_flight,p50_ms,p95_ms,p99_ms,max_ms,errors_by_kind";

    /// <summary>Writes the header and one row per second to <paramref name="writer"/>.</summary>
    public static void Write(IEnumerable<TimelineSecond> timeline, TextWriter writer)
    {
        writer.WriteLine(Header);
        foreach (var second in timeline)
        {
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{second.Second},{second.Start:O},{second.Attempted},{second.Started},{second.Completed},{second.Ok},{second.Degraded},{second.Errors},{second.Dropped},{second.InFlight},{second.P50Ms:0.###},{second.P95Ms:0.###},{second.P99Ms:0.###},{second.MaxMs:0.###},{FormatKinds(second.ErrorsByKind)}"));
        }
    }

    /// <summary>The whole CSV as a string, header included.</summary>
    public static string ToCsv(IEnumerable<TimelineSecond> timeline)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(timeline, writer);
        return writer.ToString();
    }

    /// <summary>Writes the CSV to <paramref name="path"/>, creating its directory and replacing any file there.</summary>
    public static async Task WriteAsync(IEnumerable<TimelineSecond> timeline, string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, ToCsv(timeline), cancellationToken);
    }

    private static string FormatKinds(IReadOnlyDictionary<string, long> kinds) =>
        string.Join(';', kinds.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{Sanitize(pair.Key)}={pair.Value}"));

    /// <summary>Kinds are user text; keep them from breaking the row.</summary>
    private static string Sanitize(string kind) =>
        kind.Replace(',', '_').Replace(';', '_').Replace('=', '_').Replace('\n', ' ').Replace('\r', ' ');
}
