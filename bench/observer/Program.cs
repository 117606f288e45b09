// Observing a service's circuit breakers through Polly's telemetry over EventPipe (PollyTelemetryBreakerSource),
// on the sample Inventory service with a throwaway PostgreSQL and Redis behind the harness's proxies:
//   1. the CPU the attached observer adds to the service at a constant open-model rate of GET /stock/{sku},
//      in alternating windows without and with it (off/on/off/.../off; rounds = the number of on windows);
//   2. the delay from Polly raising a breaker transition to the transition showing up in the source, while the
//      inventory-db proxy is disabled and enabled in cycles under load.
// Usage: dotnet bench/observer/bin/Release/net10.0/ObserverBench.dll
//            [rounds=5] [window-seconds=15] [warm-up-seconds=5] [rate=500] [fault-cycles=8]
// Run by bench/observer/run.sh, which builds Release first.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Resilience.Fixtures.Observers;
using Resilience.Fixtures.Services;
using Resilience.Load.Http;

var numbers = args.Select(arg => double.TryParse(arg, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
var rounds = (int)(numbers.ElementAtOrDefault(0) is > 0 and var r ? r : 5);
var window = TimeSpan.FromSeconds(numbers.ElementAtOrDefault(1) is > 0 and var w ? w : 15);
var warmUp = TimeSpan.FromSeconds(numbers.ElementAtOrDefault(2) is > 0 and var u ? u : 5);
var rate = numbers.ElementAtOrDefault(3) is > 0 and var q ? q : 500;
var cycles = (int)(numbers.ElementAtOrDefault(4) is > 0 and var c ? c : 8);
var faultDown = TimeSpan.FromSeconds(3);
var faultUp = TimeSpan.FromSeconds(3);
const double ReservationShare = 0.1; // figure 2 only: writes always reach PostgreSQL, stock reads mostly hit Redis

// SIGINT/SIGTERM unwind normally, so the stack (service, PostgreSQL, Redis) is stopped by its DisposeAsync.
using var cancel = new CancellationTokenSource();
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var clock = Stopwatch.StartNew();

Live(FormattableString.Invariant($"{Environment.ProcessorCount} cores, load average {LoadAverage()}; {2 * rounds + 1} windows (off/on/.../off) of {window.TotalSeconds:F0} s after {warmUp.TotalSeconds:F0} s warm-up at {rate}/s; then {cycles} fault cycles"));
await using var stack = await ServiceStack.StartNewAsync(s => s
    .WithCommand(ServiceCommand.DotnetProject("samples/Inventory/Inventory.Service/Inventory.Service.csproj"))
    .WithPostgres("inventory-db", "Inventory:Database")
    .WithRedis("stock-cache", "Inventory:Cache")
    .WithReadiness("/healthz")
    .WithBreakers(BreakerSources.None), cancel.Token);
var pid = stack.Service.ProcessId ?? throw new InvalidOperationException("The service is not running.");
Live($"stack up in {stack.StartupDuration.TotalMilliseconds:F0} ms: service pid {pid} at {stack.Service.BaseAddress}");
using var client = LoadHttpClient.Create(new LoadHttpClientOptions { BaseAddress = stack.Service.BaseAddress, RequestTimeout = TimeSpan.FromSeconds(5) });

// Figure 1: a ramp to the rate warms the service (JIT, pools, Redis filled), then one steady load for all windows.
var initialWarmUp = TimeSpan.FromSeconds(5);
var reads = new Traffic(client);
await reads.WarmUpAsync(rate, TimeSpan.FromSeconds(5));
Live($"ramp: {reads.Completed} requests, {reads.Failed} errors");
var figure1Load = initialWarmUp + (warmUp + window) * (2 * rounds + 1) + TimeSpan.FromSeconds(30);
var readRun = reads.Start(rate, figure1Load, reservationShare: 0, seed: 1);
await Task.Delay(initialWarmUp, cancel.Token);
Live($"warm: {reads.Completed} requests, {reads.Failed} errors");
var windows = await new CpuOverhead(stack, reads, Live).MeasureAsync(rounds, warmUp, window, cancel.Token);
readRun.Stop("figure 1 measured");
var readResult = await readRun.Completion;
Live(FormattableString.Invariant($"figure 1 load: {readResult.Totals.Completed} requests, {readResult.CompletedPerSecond:F1}/s, errors {readResult.ErrorRate:P3}, p50 {readResult.Latency.P50Ms:F1} ms, p99 {readResult.Latency.P99Ms:F1} ms"));

// Figure 2: the breaker of inventory-db opened and closed in cycles under load.
var mixed = new Traffic(client);
var mixedRun = mixed.Start(rate, (faultDown + faultUp) * cycles + TimeSpan.FromSeconds(30), ReservationShare, seed: 2);
await Task.Delay(TimeSpan.FromSeconds(3), cancel.Token);
var transitions = await new TransitionDelay(stack, Live).MeasureAsync(cycles, faultDown, faultUp, cancel.Token);
mixedRun.Stop("figure 2 measured");
var mixedResult = await mixedRun.Completion;
Live(FormattableString.Invariant($"figure 2 load: {mixedResult.Totals.Completed} requests, {mixedResult.CompletedPerSecond:F1}/s, errors {mixedResult.ErrorRate:P1} ({string.Join(", ", mixedResult.ErrorsByKind.Select(e => $"{e.Key} {e.Value}"))})"));

Report.Print(windows, transitions, rate, window, LoadAverage());
return 0;

void Live(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,5:F0} s] {line}"));

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
