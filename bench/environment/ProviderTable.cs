using System.Globalization;

/// <summary>One start-up measured with both providers: milliseconds per round, round 0 (cold) first.</summary>
/// <param name="Name">What was waited for, e.g. "PostgreSQL + Redis accept connections".</param>
/// <param name="Local">The local provider's start-ups in ms, one per round.</param>
/// <param name="Containers">The containers provider's start-ups in ms, one per round.</param>
internal sealed record ProviderSeries(string Name, IReadOnlyList<double> Local, IReadOnlyList<double> Containers);

/// <summary>Prints the comparison as a Markdown table: run 0 apart, median, min and max of the warm rounds, and the ratio of the medians.</summary>
internal static class ProviderTable
{
    /// <param name="series">Each with at least two rounds (run 0 and one warm round).</param>
    public static void Print(IReadOnlyList<ProviderSeries> series)
    {
        Console.WriteLine("| start-up until | provider | run 0 (cold) | median (warm) | min | max | containers / local (medians) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (name, local, containers) in series)
        {
            var ratio = Median(containers.Skip(1)) / Median(local.Skip(1));
            Console.WriteLine(Row(name, "local", local, string.Empty));
            Console.WriteLine(Row(name, "containers", containers, string.Create(CultureInfo.InvariantCulture, $"**{ratio:F2}**")));
        }
    }

    private static string Row(string name, string provider, IReadOnlyList<double> rounds, string ratio)
    {
        var warm = rounds.Skip(1).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {provider} | {rounds[0]:F0} ms | {Median(warm):F0} ms | {warm.Min():F0} ms | {warm.Max():F0} ms | {ratio} |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
