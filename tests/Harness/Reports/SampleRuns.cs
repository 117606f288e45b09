using Resilience.Load.Records;

namespace Resilience.Tests.Harness.Reports;

/// <summary>
/// Run records as the suites write them: a PostgreSQL latency fault that opens and closes a breaker and
/// passes, a Redis outage that breaks the p95 threshold and loses writes, and a stress run with a breaking point.
/// </summary>
public static class SampleRuns
{
    public static readonly DateTimeOffset Start = new(2026, 5, 12, 10, 15, 0, TimeSpan.Zero);

    public const string PostgresLatency = "Chaos.Postgres_latency_serves_stale_reads";
    public const string RedisDown = "Chaos.Redis_down_bypasses_cache";
    public const string Stress = "Sla.Stress_finds_breaking_point";

    public static IReadOnlyList<RunRecord> All() => [PostgresLatencyRun(), RedisDownRun(), StressRun()];

    public static RunRecord PostgresLatencyRun(double p95Ms = 9.5, double? mttrS = 2.0)
    {
        var timeline = Timeline(Start, 40, rate: 200, second => second switch
        {
            10 or 11 => new SecondShape(Ok: 150, Degraded: 40, Errors: 10, P50: 420, P95: 850, P99: 910),
            >= 12 and < 25 => new SecondShape(Ok: 8, Degraded: 192, Errors: 0, P50: 3.1, P95: 6.2, P99: 9.8),
            25 or 26 => new SecondShape(Ok: 185, Degraded: 15, Errors: 0, P50: 5, P95: 40, P99: 90),
            _ => new SecondShape(Ok: 200, Degraded: 0, Errors: 0, P50: 4.2, P95: p95Ms, P99: 14),
        }, errorKind: "timeout");

        return new RunRecord(
            PostgresLatency, "Chaos", "ci", 4242, Start, Start.AddSeconds(40), Passed: true, Failure: null,
            Checks:
            [
                new("p(95) < 200ms", true, "< 200 ms", $"{p95Ms} ms"),
                new("success ratio during fault >= 99%", true, ">= 99 %", "99.6 %"),
                new("breaker postgres: Closed, Open, HalfOpen, Closed", true, "Closed, Open, HalfOpen, Closed", "Closed, Open, HalfOpen, Closed"),
                new("no lost writes", true, "every acknowledged write present once", "412 acknowledged, 412 found once"),
            ],
            Measures: new Dictionary<string, double?>
            {
                ["mttr_s"] = mttrS, ["time_to_detect_s"] = 1.4, ["time_to_degrade_s"] = 1.1, ["success_ratio_during_fault"] = 0.996,
            },
            Latency: Summary(8000, p50: 4.3, p95: p95Ms, p99: 640),
            ServiceTime: Summary(8000, p50: 4.0, p95: p95Ms - 0.5, p99: 600),
            Timeline: timeline,
            Annotations:
            [
                new(AnnotationKinds.Phase, "warm-up", null, Start, Start.AddSeconds(5)),
                new(AnnotationKinds.Fault, "postgres latency 800ms", "postgres", Start.AddSeconds(10), Start.AddSeconds(25)),
                new(AnnotationKinds.Breaker, "Closed", "postgres", Start, null),
                new(AnnotationKinds.Breaker, "Open", "postgres", Start.AddSeconds(11.4), null),
                new(AnnotationKinds.Breaker, "HalfOpen", "postgres", Start.AddSeconds(26.0), null),
                new(AnnotationKinds.Breaker, "Closed", "postgres", Start.AddSeconds(26.6), null),
            ],
            ReplayCommand: $"RESILIENCE_SEED=4242 dotnet test --project tests/Chaos -- --filter-method '*{PostgresLatency}'");
    }

    public static RunRecord RedisDownRun(double p95Ms = 350, double? mttrS = 4.5, string? failure = null)
    {
        var start = Start.AddMinutes(1);
        var timeline = Timeline(start, 30, rate: 200, second => second switch
        {
            8 => new SecondShape(Ok: 120, Degraded: 20, Errors: 60, P50: 900, P95: 1500, P99: 1900),
            > 8 and < 20 => new SecondShape(Ok: 20, Degraded: 178, Errors: 2, P50: 6, P95: 380, P99: 700),
            _ => new SecondShape(Ok: 200, Degraded: 0, Errors: 0, P50: 4, P95: 11, P99: 20),
        }, errorKind: "http_503", otherErrorKind: "timeout");

        return new RunRecord(
            RedisDown, "Chaos", "ci", 4242, start, start.AddSeconds(30), Passed: false,
            Failure: failure ?? $"Expected p(95) < 200ms, but it was {p95Ms} ms.\nReplay: RESILIENCE_SEED=4242 dotnet test",
            Checks:
            [
                new("p(95) < 200ms", false, "< 200 ms", $"{p95Ms} ms"),
                new("breaker redis opens within 2s", true, "<= 2 s", "1.0 s"),
                new("no lost writes", false, "every acknowledged write present once", "2 acknowledged writes missing: key-17, key-93"),
            ],
            Measures: new Dictionary<string, double?> { ["mttr_s"] = mttrS, ["time_to_detect_s"] = 1.0, ["time_to_degrade_s"] = 0.6 },
            Latency: Summary(6000, p50: 5, p95: p95Ms, p99: 1400),
            ServiceTime: Summary(6000, p50: 4.5, p95: p95Ms - 10, p99: 1300),
            Timeline: timeline,
            Annotations:
            [
                new(AnnotationKinds.Fault, "redis proxy disabled", "redis", start.AddSeconds(8), start.AddSeconds(20)),
                new(AnnotationKinds.Fault, "redis FLUSHALL", "redis", start.AddSeconds(22), null),
                new(AnnotationKinds.Breaker, "Closed", "redis", start, start.AddSeconds(9)),
                new(AnnotationKinds.Breaker, "Open", "redis", start.AddSeconds(9), start.AddSeconds(21)),
                new(AnnotationKinds.Breaker, "HalfOpen", "redis", start.AddSeconds(21), start.AddSeconds(21.5)),
                new(AnnotationKinds.Breaker, "Closed", "redis", start.AddSeconds(21.5), null),
                new(AnnotationKinds.Breaker, "Closed", "postgres", start, null),
            ],
            ReplayCommand: $"RESILIENCE_SEED=4242 dotnet test --project tests/Chaos -- --filter-method '*{RedisDown}'");
    }

    public static RunRecord StressRun(double breakingPointRps = 1180)
    {
        var start = Start.AddMinutes(2);
        var timeline = Enumerable.Range(0, 30).Select(second =>
        {
            var rate = 100 + second * 50L;
            var errors = rate > breakingPointRps ? (rate - (long)breakingPointRps) / 4 : 0;
            var p95 = rate > breakingPointRps ? 180 + (rate - breakingPointRps) : 8 + second * 0.5;
            return Second(start, second, rate, ok: rate - errors, degraded: 0, errors, p50: p95 / 3, p95, p99: p95 * 1.6, "http_503", null);
        }).ToList();

        return new RunRecord(
            Stress, "Sla", "ci", 4242, start, start.AddSeconds(30), Passed: true, Failure: null,
            Checks: [new("breaking point found", true, "SLA breaks at some rate", $"{breakingPointRps} req/s")],
            Measures: new Dictionary<string, double?> { ["breaking_point_rps"] = breakingPointRps, ["mttr_s"] = null },
            Latency: Summary(40000, p50: 12, p95: 190, p99: 420),
            ServiceTime: Summary(40000, p50: 11, p95: 180, p99: 400),
            Timeline: timeline,
            Annotations: [new(AnnotationKinds.Phase, "ramp 100 to 1550 req/s", null, start, start.AddSeconds(30))],
            ReplayCommand: $"RESILIENCE_SEED=4242 dotnet test --project tests/Sla -- --filter-method '*{Stress}'");
    }

    public static async Task<string> WriteAsync(IEnumerable<RunRecord> records, string runsDirectory)
    {
        Directory.CreateDirectory(runsDirectory);
        foreach (var record in records)
        {
            var fileName = string.Concat(record.Scenario.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-'));
            await RunRecordJson.WriteAsync(record, Path.Combine(runsDirectory, $"{fileName}.json"), TestContext.Current.CancellationToken);
        }

        return runsDirectory;
    }

    private sealed record SecondShape(long Ok, long Degraded, long Errors, double P50, double P95, double P99);

    private static List<TimelineSecond> Timeline(DateTimeOffset start, int seconds, long rate, Func<int, SecondShape> shape, string errorKind, string? otherErrorKind = null) =>
        Enumerable.Range(0, seconds).Select(second =>
        {
            var s = shape(second);
            return Second(start, second, rate, s.Ok, s.Degraded, s.Errors, s.P50, s.P95, s.P99, errorKind, otherErrorKind);
        }).ToList();

    private static TimelineSecond Second(DateTimeOffset start, int second, long rate, long ok, long degraded, long errors,
        double p50, double p95, double p99, string errorKind, string? otherErrorKind)
    {
        var byKind = new Dictionary<string, long>();
        if (errors > 0)
        {
            var other = otherErrorKind is null ? 0 : errors / 3;
            byKind[errorKind] = errors - other;
            if (other > 0)
            {
                byKind[otherErrorKind!] = other;
            }
        }

        return new TimelineSecond(second, start.AddSeconds(second), rate, rate, ok + degraded + errors, ok, degraded, errors, byKind,
            Dropped: 0, InFlight: 3, p50, p95, p99, MaxMs: p99 * 1.3);
    }

    private static LatencySummary Summary(long count, double p50, double p95, double p99) =>
        new(count, MinMs: 0.6, MeanMs: (p50 + p95) / 2, p50, P90Ms: p95 * 0.8, p95, p99, P999Ms: p99 * 1.2, MaxMs: p99 * 1.5);
}
