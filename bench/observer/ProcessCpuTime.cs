using System.Globalization;

/// <summary>CPU time one process has used so far (user + system, all its threads), from /proc/&lt;pid&gt;/stat.</summary>
internal static class ProcessCpuTime
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    public static double Seconds(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        // The fields after the command name (which may hold spaces) start after the last ')': state is field 3,
        // utime and stime are fields 14 and 15.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / ClockTicksPerSecond;
    }
}
