// Measures the time from "start environment" to "PostgreSQL and Redis accept connections" on the local provider.
// Usage: dotnet run -c Release --project bench/environment -- [runs=7] [--cold-template]
//   --cold-template  builds the template cluster in a fresh cache directory first and reports that cost separately.
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Resilience.Fixtures.Environment;
using StackExchange.Redis;

var runs = args.Select(arg => int.TryParse(arg, out var n) ? n : 0).FirstOrDefault(n => n > 0);
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
for (var run = 0; run <= runs; run++)
{
    // Run 0 is the cold start of this process (JIT, first Npgsql use; with --cold-template also initdb).
    var environment = new ResilienceEnvironmentBuilder().WithSettings(settings).Build();
    var watch = Stopwatch.StartNew();
    await environment.StartAsync();
    var startup = watch.Elapsed.TotalMilliseconds;

    await VerifyAsync(environment);

    watch.Restart();
    await environment.DisposeAsync();
    var disposal = watch.Elapsed.TotalMilliseconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}{(run == 0 ? " (cold)" : string.Empty)}: start {startup:F0} ms, dispose {disposal:F0} ms"));
    if (run > 0)
    {
        startups.Add(startup);
        disposals.Add(disposal);
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"start-up to both servers accepting connections: median {Median(startups):F0} ms, min {startups.Min():F0} ms, max {startups.Max():F0} ms over {runs} warm runs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dispose: median {Median(disposals):F0} ms"));
if (coldCache is not null)
{
    Directory.Delete(coldCache, recursive: true);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

// Outside the timed section: proves the servers the timer stopped for really serve clients.
static async Task VerifyAsync(ResilienceEnvironment environment)
{
    await using var connection = new NpgsqlConnection(environment.Postgres.Endpoint.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT 1", connection);
    if ((int)(await command.ExecuteScalarAsync())! != 1)
    {
        throw new InvalidOperationException("PostgreSQL did not answer SELECT 1.");
    }

    await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.Redis.Endpoint.ConfigurationString);
    await redis.GetDatabase().PingAsync();
}
