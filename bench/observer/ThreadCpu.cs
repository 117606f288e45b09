using System.Globalization;

/// <summary>
/// CPU time of each thread of a process, from /proc/&lt;pid&gt;/task/&lt;tid&gt;/schedstat (the scheduler's exact
/// nanoseconds, not sampled ticks), summed by thread name (.NET names its threads: ".NET EventPipe",
/// ".NET TP Worker", "MetricsEventSou"[rce.CollectThread] ...). Shows where in the service an observer's cost lands.
/// </summary>
internal static class ThreadCpu
{
    public static IReadOnlyDictionary<int, (string Name, long Nanoseconds)> Snapshot(int pid)
    {
        var threads = new Dictionary<int, (string, long)>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                var runtime = long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (name, runtime);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return threads;
    }

    /// <summary>
    /// Seconds of CPU by thread name between two snapshots: a thread started in between counts from zero; one that
    /// ended in between is lost (its time is no longer in /proc).
    /// </summary>
    public static IReadOnlyDictionary<string, double> Delta(
        IReadOnlyDictionary<int, (string Name, long Nanoseconds)> before, IReadOnlyDictionary<int, (string Name, long Nanoseconds)> after) =>
        after.GroupBy(thread => thread.Value.Name, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => group.Sum(thread => thread.Value.Nanoseconds - (before.TryGetValue(thread.Key, out var earlier) && earlier.Name == thread.Value.Name ? earlier.Nanoseconds : 0)) / 1e9,
                StringComparer.Ordinal);
}
