namespace Resilience.Tests.Harness.Reports;

public sealed class CsvTimelineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Each_scenario_gets_a_csv_with_one_row_per_second_its_error_kinds_faults_and_breaker_states()
    {
        var output = await ReportGeneration.GenerateAsync(_folder);

        output.TimelinePaths.Select(Path.GetFileName).Should().BeEquivalentTo(
            "Chaos.Postgres_latency_serves_stale_reads.csv", "Chaos.Redis_down_bypasses_cache.csv", "Sla.Stress_finds_breaking_point.csv");
        var lines = File.ReadAllLines(output.TimelinePaths.Single(p => p.EndsWith("Chaos.Redis_down_bypasses_cache.csv")));

        lines.Should().HaveCount(1 + 30);
        lines[0].Should().Be("second,start,attempted,started,completed,ok,degraded,errors,dropped,in_flight,p50_ms,p95_ms,p99_ms,max_ms,errors_http_503,errors_timeout,faults,breakers");
        lines[1].Should().Be("0,2026-05-12T10:16:00.0000000Z,200,200,200,200,0,0,0,3,4,11,20,26,0,0,,postgres=Closed; redis=Closed");
        lines[9].Should().Be("8,2026-05-12T10:16:08.0000000Z,200,200,200,120,20,60,0,3,900,1500,1900,2470,40,20,redis proxy disabled,postgres=Closed; redis=Closed");
        lines[10].Should().EndWith(",redis proxy disabled,postgres=Closed; redis=Open");
        lines[23].Should().StartWith("22,").And.EndWith(",redis FLUSHALL,postgres=Closed; redis=Closed");
    }
}
