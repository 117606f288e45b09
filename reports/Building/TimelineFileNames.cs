using System.Text;
using Resilience.Load.Records;

namespace Resilience.Reports.Building;

/// <summary>One CSV file name per record, safe on every file system and unique within the run.</summary>
internal static class TimelineFileNames
{
    /// <summary>The folder, beside report.json, that holds the CSV timelines.</summary>
    public const string Folder = "timelines";

    /// <summary>
    /// One relative path per record, in the records' order, e.g. "timelines/Chaos.Postgres_latency.csv": suite and
    /// scenario, other characters than letters, digits, '.', '-' and '_' made '_', a "-2" suffix on a repeat.
    /// </summary>
    public static IReadOnlyList<string> Assign(IReadOnlyList<RunRecord> records)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>(records.Count);
        foreach (var record in records)
        {
            var stem = Sanitise(record.Scenario.StartsWith(record.Suite + ".", StringComparison.Ordinal)
                ? record.Scenario
                : $"{record.Suite}.{record.Scenario}");
            var name = stem;
            for (var n = 2; !taken.Add(name); n++)
            {
                name = $"{stem}-{n}";
            }

            names.Add($"{Folder}/{name}.csv");
        }

        return names;
    }

    private static string Sanitise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var name = builder.ToString().Trim('.');
        return name.Length == 0 ? "scenario" : name[..Math.Min(name.Length, 120)];
    }
}
