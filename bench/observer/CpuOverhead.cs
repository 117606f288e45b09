using System.Diagnostics;
using Resilience.Fixtures.Observers;
using Resilience.Fixtures.Services;

/// <summary>One measuring window of figure 1: the service's CPU per request, with or without the observer attached.</summary>
internal sealed record CpuWindow(
    int Round, bool ObserverOn, double Seconds, long Requests, long Errors, double ServiceCpuSeconds, double BenchCpuSeconds,
    int? Transitions, int? KnownBreakers, bool? Attached, IReadOnlyDictionary<string, double> ServiceThreads)
{
    /// <summary>The service's CPU seconds per 1000 requests (= ms of CPU per request).</summary>
    public double ServiceCpuPer1000 => ServiceCpuSeconds * 1000 / Requests;

    /// <summary>The bench process's CPU seconds per 1000 requests: load engine, proxies and, when on, the observer's parsing.</summary>
    public double BenchCpuPer1000 => BenchCpuSeconds * 1000 / Requests;
}

/// <summary>
/// Figure 1: the CPU the observer adds to the service. Under steady load it measures windows alternately without
/// and with a <see cref="PollyTelemetryBreakerSource"/> attached, off/on/off/on/.../off: <c>rounds</c> windows on,
/// each between two off windows, so a round compares its on window with the mean of the off windows on either side
/// and a steady drift of the service's CPU per request (there is one: see bench/RESULTS.md) cancels out. Each
/// window: attach (or not), a warm-up, then the measured window; the source is disposed after it.
/// </summary>
internal sealed class CpuOverhead(ServiceStack stack, Traffic traffic, Action<string> live)
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<CpuWindow>> MeasureAsync(int rounds, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        var windows = new List<CpuWindow>();
        for (var index = 0; index <= 2 * rounds; index++)
        {
            // Off windows are numbered 0..rounds, on windows 1..rounds: on window k lies between off windows k-1 and k.
            var on = index % 2 == 1;
            var round = (index + 1) / 2;
            var measured = await MeasureWindowAsync(round, on, warmUp, window, cancellationToken);
            windows.Add(measured);
            live(
                $"window {index + 1}/{2 * rounds + 1} observer {(on ? "on " : "off")}: {measured.Requests} requests ({measured.Requests / measured.Seconds:F1}/s, {measured.Errors} errors), service {measured.ServiceCpuPer1000:F3} s CPU per 1000 requests ({measured.ServiceCpuSeconds / measured.Seconds:F3} cores), bench {measured.BenchCpuPer1000:F3} s" +
                (on ? $"; observer attached {measured.Attached}, transitions {measured.Transitions}, breakers known {measured.KnownBreakers}" : ""));
        }

        return windows;
    }

    private async Task<CpuWindow> MeasureWindowAsync(int round, bool on, TimeSpan warmUp, TimeSpan window, CancellationToken cancellationToken)
    {
        var pid = stack.Service.ProcessId ?? throw new InvalidOperationException("The service is not running.");
        PollyTelemetryBreakerSource? source = null;
        try
        {
            if (on)
            {
                source = new PollyTelemetryBreakerSource(() => stack.Service.ProcessId);
                await source.StartAsync(cancellationToken);
            }

            await Task.Delay(warmUp, cancellationToken);
            var threads0 = ThreadCpu.Snapshot(pid);
            var (cpu0, bench0, requests0, errors0) = Sample(pid);
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < window)
            {
                var left = window - watch.Elapsed;
                await Task.Delay(left < LiveInterval ? left : LiveInterval, cancellationToken);
                if (watch.Elapsed < window - TimeSpan.FromSeconds(0.5))
                {
                    var (cpu, _, requests, _) = Sample(pid);
                    live(FormattableString.Invariant(
                        $"observer {(on ? "on " : "off")}: {watch.Elapsed.TotalSeconds:F0} of {window.TotalSeconds:F0} s, {requests - requests0} requests, service {(cpu - cpu0) / watch.Elapsed.TotalSeconds:F3} cores"));
                }
            }

            var (cpu1, bench1, requests1, errors1) = Sample(pid);
            var seconds = watch.Elapsed.TotalSeconds;
            var threads = ThreadCpu.Delta(threads0, ThreadCpu.Snapshot(pid));
            return new CpuWindow(round, on, seconds, requests1 - requests0, errors1 - errors0, cpu1 - cpu0, bench1 - bench0,
                source?.Transitions.Count, source?.CurrentStates.Count, source is null ? null : source.AttachedProcessId == pid, threads);
        }
        finally
        {
            if (source is not null)
            {
                await source.DisposeAsync();
            }
        }
    }

    private (double Cpu, double Bench, long Requests, long Errors) Sample(int pid) =>
        (ProcessCpuTime.Seconds(pid), ProcessCpuTime.Seconds(Environment.ProcessId), traffic.Completed, traffic.Failed);
}
