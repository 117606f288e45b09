using System.Globalization;
using Resilience.Fixtures.Environment;

/// <summary>CPU time of a process and its descendants, from /proc (user + system, in seconds).</summary>
internal static class ProcessCpu
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    public static int MainPid(string name, HarnessProcessRegistry registry) =>
        registry.Processes.First(process => process.Name == name).Pid;

    public static double TreeSeconds(int rootPid)
    {
        var stats = Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? Read(pid) : null)
            .OfType<Stat>()
            .ToList();
        var tree = new HashSet<int> { rootPid };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var stat in stats.Where(stat => tree.Contains(stat.ParentPid) && tree.Add(stat.Pid)))
            {
                grew = true;
            }
        }

        return stats.Where(stat => tree.Contains(stat.Pid)).Sum(stat => stat.CpuTicks) / ClockTicksPerSecond;
    }

    private static Stat? Read(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may contain spaces) start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return new Stat(pid, int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private sealed record Stat(int Pid, int ParentPid, long CpuTicks);
}
