// Measures the time from "start environment" to "PostgreSQL and Redis accept connections" on the local provider.
// Usage: dotnet run -c Release --project bench/environment -- [runs=7] [--cold-template]
//   --cold-template  builds the template cluster in a fresh cache directory first (run 0 then includes initdb).
//   --providers      instead compares the local and the containers provider round by round ([runs=5] warm rounds;
//                    see ProviderComparison.cs, and run-providers.sh for the Docker engine and images).
// Side by side with each start it times a bare `cp -a` of the cached template (the biggest single step) onto the
// harness root's file system and onto /tmp, so a loaded machine shows up as a slow copy rather than as an
// unexplained slow start, and the gain of a tmpfs root is measured in the same run.
using System.Diagnostics;
using System.Globalization;
using Resilience.Fixtures.Environment;

var runs = args.Select(arg => int.TryParse(arg, out var n) ? n : 0).FirstOrDefault(n => n > 0);
if (args.Contains("--providers"))
{
    await ProviderComparison.RunAsync(runs == 0 ? 5 : runs);
    return;
}

runs = runs == 0 ? 7 : runs;
var coldTemplate = args.Contains("--cold-template");

var settings = ResilienceEnvironmentSettings.FromEnvironmentVariables() with { Provider = EnvironmentProvider.Local };
string? coldCache = null;
if (coldTemplate)
{
    coldCache = Path.Combine(Path.GetTempPath(), $"resilience-bench-cache-{Environment.ProcessId}");
    settings = settings with { CacheDirectory = coldCache };
}

var startups = new List<double>();
var disposals = new List<double>();
var copies = new List<double>();
var diskCopies = new List<double>();
var rootParent = Path.GetDirectoryName(settings.HarnessRootPath)!;
for (var run = 0; run <= runs; run++)
{
    // Run 0 is the cold start of this process (JIT, first Npgsql use; with --cold-template also initdb).
    var environment = new ResilienceEnvironmentBuilder().WithSettings(settings).Build();
    var watch = Stopwatch.StartNew();
    await environment.StartAsync();
    var startup = watch.Elapsed.TotalMilliseconds;

    await ServerCheck.VerifyAsync(environment);

    watch.Restart();
    await environment.DisposeAsync();
    var disposal = watch.Elapsed.TotalMilliseconds;
    var copy = await TimeTemplateCopyAsync(settings.CacheDirectory, rootParent);
    var diskCopy = await TimeTemplateCopyAsync(settings.CacheDirectory, Path.GetTempPath());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}{(run == 0 ? " (cold)" : string.Empty)}: start {startup:F0} ms, dispose {disposal:F0} ms, bare template copy into {rootParent} {copy:F0} ms, into /tmp {diskCopy:F0} ms"));
    if (run > 0)
    {
        startups.Add(startup);
        disposals.Add(disposal);
        copies.Add(copy);
        diskCopies.Add(diskCopy);
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"start-up to both servers accepting connections: median {Median(startups):F0} ms, min {startups.Min():F0} ms, max {startups.Max():F0} ms over {runs} warm runs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dispose: median {Median(disposals):F0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"bare cp -a of the template cluster: median {Median(copies):F0} ms into {rootParent} (harness root {settings.HarnessRootPath}), {Median(diskCopies):F0} ms into /tmp"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores"));
if (coldCache is not null)
{
    Directory.Delete(coldCache, recursive: true);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static async Task<double> TimeTemplateCopyAsync(string? cacheDirectory, string targetParent)
{
    var cache = cacheDirectory ?? "/var/tmp/resilience";
    var template = Directory.EnumerateDirectories(cache, "pg*-template-v*").Select(directory => Path.Combine(directory, "data")).First(Directory.Exists);
    var target = Path.Combine(targetParent, $"resilience-bench-copy-{Environment.ProcessId}");
    var watch = Stopwatch.StartNew();
    using (var copy = Process.Start("cp", ["-a", "--no-target-directory", template, target]))
    {
        await copy.WaitForExitAsync();
    }

    var elapsed = watch.Elapsed.TotalMilliseconds;
    Directory.Delete(target, recursive: true);
    return elapsed;
}
