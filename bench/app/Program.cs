// The reference app under constant open-model load with healthy dependencies: a whole local stack (PostgreSQL,
// Redis, the proxies, the price stub, the app as a child process wired through the proxies) and the load engine.
// Latency is measured from each request's intended start (coordinated-omission correct).
// Usage: dotnet bench/app/bin/Release/net10.0/AppThroughputBench.dll [rate=500] [seconds=20] [warm-up seconds=5]
using System.Globalization;
using Resilience.Fixtures.Workloads;
using Resilience.Reference.Stack;
using Resilience.Reference.Workloads;
using Resilience.Load;
using Resilience.Load.Http;
using Resilience.Load.Records;
using Resilience.Load.Simulations;

var numbers = args.Select(arg => double.TryParse(arg, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
var rate = numbers.ElementAtOrDefault(0) is > 0 and var r ? r : 500;
var seconds = numbers.ElementAtOrDefault(1) is > 0 and var s ? s : 20;
var warmUpSeconds = numbers.ElementAtOrDefault(2) is > 0 and var w ? w : 5;

await using var stack = await ResilienceStack.StartNewAsync();
Console.WriteLine($"stack up in {stack.StartupDuration.TotalMilliseconds:F0} ms; app {stack.AppPath}");
using var client = LoadHttpClient.Create(new LoadHttpClientOptions { BaseAddress = stack.App.BaseAddress, RequestTimeout = TimeSpan.FromSeconds(5) });

// Not measured: JIT of both processes, pools and connections filled at a gentler rate. Its own workload, so the
// measured run's idempotency keys are all new.
var warmUp = new OrdersWorkloadOptions().Create(new WorkloadContext(client, $"bench-warm-{Environment.ProcessId}", stack.Service));
await warmUp.SeedAsync(CancellationToken.None);
await LoadTest.For(warmUp.Scenario("warm-up"))
    .WithLoad(Simulation.RampingInject(rate, TimeSpan.FromSeconds(warmUpSeconds)))
    .WithSeed(1)
    .Build()
    .RunAsync();

var workload = new OrdersWorkloadOptions().Create(new WorkloadContext(client, $"bench-{Environment.ProcessId}", stack.Service));
await workload.SeedAsync(CancellationToken.None);
var processes = new Dictionary<string, int>
{
    ["app"] = stack.App.ProcessId!.Value,
    ["postgres"] = ProcessCpu.MainPid("postgres", stack.Environment.Processes),
    ["redis"] = ProcessCpu.MainPid("redis", stack.Environment.Processes),
    ["bench (load, proxies, stub)"] = Environment.ProcessId,
};
var cpuBefore = processes.ToDictionary(p => p.Key, p => ProcessCpu.TreeSeconds(p.Value));
var result = await LoadTest.For(workload.Scenario("mixed"))
    .WithLoad(Simulation.Inject(rate, TimeSpan.FromSeconds(seconds)))
    .WithSeed(2)
    .Build()
    .RunAsync();
var cpuUsed = processes.ToDictionary(p => p.Key, p => ProcessCpu.TreeSeconds(p.Value) - cpuBefore[p.Key]);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{result.Simulations[0]}: {result.Totals.Completed} requests, {result.CompletedPerSecond:F1}/s completed, errors {result.ErrorRate:P2}, degraded {result.DegradedByKind.Values.Sum()}"));
Console.WriteLine(Row("all (from intended start)", result.Latency));
Console.WriteLine(Row("all (service time)", result.ServiceTime));
foreach (var step in result.Steps)
{
    Console.WriteLine(Row($"{step.Name} ({step.Completed})", step.Latency));
}

if (result.ErrorsByKind.Count > 0)
{
    Console.WriteLine("errors: " + string.Join(", ", result.ErrorsByKind.Select(e => $"{e.Key} {e.Value}")));
}

if (result.DegradedByKind.Count > 0)
{
    Console.WriteLine("degraded: " + string.Join(", ", result.DegradedByKind.Select(e => $"{e.Key} {e.Value}")));
}

Console.WriteLine("CPU during the measured run (cores): " + string.Join(", ", cpuUsed.Select(c =>
    string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value / result.Duration.TotalSeconds:F2}"))));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"app CPU per request: {cpuUsed["app"] * 1000 / result.Totals.Completed:F2} ms; load average: {File.ReadAllText("/proc/loadavg").Trim()}"));
return result.Latency.P95Ms < 50 ? 0 : 1;

static string Row(string label, LatencySummary latency) => string.Create(CultureInfo.InvariantCulture,
    $"  {label,-28} p50 {latency.P50Ms,6:F1} ms  p95 {latency.P95Ms,6:F1} ms  p99 {latency.P99Ms,6:F1} ms  max {latency.MaxMs,7:F1} ms");
