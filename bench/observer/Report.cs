/// <summary>Prints the final figures of both measurements.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<CpuWindow> windows, IReadOnlyList<ObservedTransition> transitions, double rate, TimeSpan window, string loadAverage)
    {
        var off = windows.Where(w => !w.ObserverOn).ToDictionary(w => w.Round);
        var on = windows.Where(w => w.ObserverOn).ToList();
        double Added(double offValue, double onValue) => 100 * (onValue / offValue - 1);

        // Each on window against the mean of the off windows just before and just after it.
        var rounds = on.Select(w => (Before: off[w.Round - 1], On: w, After: off[w.Round])).ToList();
        var bracketed = rounds.Select(r => Added((r.Before.ServiceCpuPer1000 + r.After.ServiceCpuPer1000) / 2, r.On.ServiceCpuPer1000)).ToList();
        var afterOff = rounds.Select(r => Added(r.Before.ServiceCpuPer1000, r.On.ServiceCpuPer1000)).ToList();
        var offMedian = Stats.Median(off.Values.Select(w => w.ServiceCpuPer1000));
        var onMedian = Stats.Median(on.Select(w => w.ServiceCpuPer1000));
        var benchBracketed = rounds.Select(r => Added((r.Before.BenchCpuPer1000 + r.After.BenchCpuPer1000) / 2, r.On.BenchCpuPer1000)).ToList();

        Line("");
        Line($"== 1. service CPU at {rate}/s GET /stock/{{sku}}, {window.TotalSeconds:F0} s windows off/on/off/.../off, {rounds.Count} on ==");
        Line("round  s CPU per 1000 requests: off before    on   off after   added vs mean of both offs   (bench process off / on / off)");
        foreach (var (r, added) in rounds.Zip(bracketed))
        {
            Line($"{r.On.Round,5}  {r.Before.ServiceCpuPer1000,35:F4} {r.On.ServiceCpuPer1000,7:F4} {r.After.ServiceCpuPer1000,10:F4} {added,18:+0.0;-0.0} %           ({r.Before.BenchCpuPer1000:F4} / {r.On.BenchCpuPer1000:F4} / {r.After.BenchCpuPer1000:F4})");
        }

        Line($"median without observer: {offMedian:F4} s CPU per 1000 requests ({Stats.Median(off.Values.Select(w => w.ServiceCpuSeconds / w.Seconds)):F3} cores, {off.Count} windows)");
        Line($"median with observer:    {onMedian:F4} s CPU per 1000 requests ({Stats.Median(on.Select(w => w.ServiceCpuSeconds / w.Seconds)):F3} cores, {on.Count} windows)");
        Line($"ratio of medians: {onMedian / offMedian:F4} (added {Added(offMedian, onMedian):+0.0;-0.0} %)");
        Line($"added CPU, median over rounds: {Stats.Median(bracketed):+0.0;-0.0} % against both neighbouring off windows (range {bracketed.Min():+0.0;-0.0} .. {bracketed.Max():+0.0;-0.0} %), {Stats.Median(afterOff):+0.0;-0.0} % against the off window before (target <= 2 %)");
        Line($"bench process (load engine, proxies, observer parsing): {Stats.Median(off.Values.Select(w => w.BenchCpuPer1000)):F4} off, {Stats.Median(on.Select(w => w.BenchCpuPer1000)):F4} on s CPU per 1000 requests (added, median over rounds, {Stats.Median(benchBracketed):+0.0;-0.0} %)");
        // Where the service's CPU went, by thread name (exact scheduler time): a thread that works only while the
        // observer is attached is the observer's direct cost in the service.
        var names = windows.SelectMany(w => w.ServiceThreads.Keys).Distinct().ToList();
        double PerSecond(CpuWindow w, string name) => 1000 * w.ServiceThreads.GetValueOrDefault(name) / w.Seconds;
        var byThread = names.Select(name => (Name: name, Off: Stats.Median(off.Values.Select(w => PerSecond(w, name))), On: Stats.Median(on.Select(w => PerSecond(w, name)))))
            .OrderByDescending(t => Math.Max(t.On, t.Off)).ToList();
        Line("service threads, ms of CPU per second (median over windows, off / on):");
        Line("  " + string.Join(", ", byThread.Where(t => Math.Max(t.On, t.Off) >= 0.05).Select(t => $"{t.Name} {t.Off:F1} / {t.On:F1}")));
        var observerOnly = byThread.Where(t => t.Off < 0.05 && t.On >= 0.05).ToList();
        var serviceOn = Stats.Median(on.Select(w => 1000 * w.ServiceCpuSeconds / w.Seconds));
        Line($"threads busy only while attached: {(observerOnly.Count == 0 ? "none" : string.Join(", ", observerOnly.Select(t => $"{t.Name} {t.On:F2} ms/s")))}" +
             $" = {observerOnly.Sum(t => t.On):F2} ms/s, {100 * observerOnly.Sum(t => t.On) / serviceOn:F2} % of the service's CPU with the observer on");
        var threadTotalOff = Stats.Median(off.Values.Select(w => w.ServiceThreads.Values.Sum() * 1000 / w.Requests));
        var threadTotalOn = Stats.Median(on.Select(w => w.ServiceThreads.Values.Sum() * 1000 / w.Requests));
        Line($"cross-check, all threads by schedstat: {threadTotalOff:F4} off, {threadTotalOn:F4} on s CPU per 1000 requests");
        Line($"requests per window: {windows.Min(w => w.Requests)}..{windows.Max(w => w.Requests)}, errors {windows.Sum(w => w.Errors)}");
        Line($"observer during healthy windows: attached in {on.Count(w => w.Attached == true)} of {on.Count}, transitions seen {on.Sum(w => w.Transitions ?? 0)}, breakers known {on.Max(w => w.KnownBreakers ?? 0)}");

        Line("");
        Line($"== 2. delay from Polly raising a transition to the source recording it ({transitions.Count} transitions) ==");
        foreach (var t in transitions)
        {
            var after = t.FaultAction is { } action ? $"{(t.Transition.At - action.At).TotalMilliseconds,7:F0} ms after {action.Action}" : "";
            Line($"{t.Transition.At:HH:mm:ss.fff} {t.Transition.Breaker} {t.Transition.From,-9} -> {t.Transition.To,-9} delay {t.Delay.TotalMilliseconds,6:F0} ms   (raised {after})");
        }

        if (transitions.Count > 0)
        {
            var delays = transitions.Select(t => t.Delay.TotalMilliseconds).ToList();
            Line($"delay median {Stats.Median(delays):F0} ms, p90 {Stats.Quantile(delays, 0.9):F0} ms, max {delays.Max():F0} ms, min {delays.Min():F0} ms over {delays.Count} transitions (target <= 250 ms; poll 10 ms)");
            foreach (var group in transitions.GroupBy(t => $"{t.Transition.From}->{t.Transition.To}"))
            {
                Line($"  {group.Key,-20} {group.Count(),3}: median {Stats.Median(group.Select(t => t.Delay.TotalMilliseconds)):F0} ms, max {group.Max(t => t.Delay.TotalMilliseconds):F0} ms");
            }
        }

        Line($"load average at the end: {loadAverage}");
    }

    // The bench runs with invariant globalization (Directory.Build.props), so numbers print with a '.'.
    private static void Line(string text) => Console.WriteLine(text);
}
