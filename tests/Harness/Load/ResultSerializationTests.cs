using System.Globalization;
using System.Text.Json;
using Resilience.Load.Records;
using Resilience.Load.Results;

namespace Resilience.Tests.Harness.Load;

public sealed class ResultSerializationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_result_survives_a_json_round_trip_through_a_file()
    {
        var result = SampleResult();
        var path = Path.Combine(Path.GetTempPath(), $"load-result-{Guid.NewGuid():N}.json");
        try
        {
            await LoadResultJson.WriteAsync(result, path, TestContext.Current.CancellationToken);
            var read = await LoadResultJson.ReadAsync(path, TestContext.Current.CancellationToken);

            read.Should().BeEquivalentTo(result);
            LoadResultJson.Serialize(read).Should().Be(LoadResultJson.Serialize(result));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_json_is_versioned_camel_case()
    {
        using var document = JsonDocument.Parse(LoadResultJson.Serialize(SampleResult()));

        document.RootElement.GetProperty("schemaVersion").GetInt32().Should().Be(LoadResultJson.CurrentSchemaVersion);
        document.RootElement.GetProperty("totals").GetProperty("dropped").GetInt64().Should().Be(3);
        document.RootElement.GetProperty("timeline")[1].GetProperty("errorsByKind").GetProperty("http_503").GetInt64().Should().Be(7);
        document.RootElement.TryGetProperty("duration", out _).Should().BeFalse("derived figures are not stored");
    }

    [Fact]
    public void A_result_from_a_newer_schema_is_refused_with_a_clear_error()
    {
        var json = LoadResultJson.Serialize(SampleResult() with { SchemaVersion = LoadResultJson.CurrentSchemaVersion + 1 });

        var read = () => LoadResultJson.Deserialize(json);

        read.Should().Throw<JsonException>().WithMessage($"*schema version {LoadResultJson.CurrentSchemaVersion + 1}*reads up to {LoadResultJson.CurrentSchemaVersion}*");
    }

    [Fact]
    public void The_timeline_csv_has_one_row_per_second_with_kinds_in_one_column()
    {
        var lines = TimelineCsv.ToCsv(SampleResult().Timeline).TrimEnd().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();

        lines[0].Should().Be(TimelineCsv.Header);
        lines.Should().HaveCount(3);
        var columns = lines[2].Split(',');
        columns.Should().HaveCount(TimelineCsv.Header.Split(',').Length);
        columns[0].Should().Be("1");
        DateTimeOffset.Parse(columns[1], CultureInfo.InvariantCulture).Should().Be(Start.AddSeconds(1));
        columns[7].Should().Be("12");
        columns[12].Should().Be("250.5");
        columns[^1].Should().Be("http_503=7;timeout=5");
    }

    private static LoadResult SampleResult()
    {
        var latency = new LatencySummary(200, 0.5, 12.25, 10, 20, 30, 250.5, 400, 410);
        TimelineSecond[] timeline =
        [
            new(0, Start, 100, 100, 98, 98, 0, 0, new Dictionary<string, long>(), 0, 2, 9.5, 25, 40, 41),
            new(1, Start.AddSeconds(1), 103, 100, 102, 88, 2, 12, new Dictionary<string, long> { ["timeout"] = 5, ["http_503"] = 7 }, 3, 0, 11, 35, 250.5, 410),
        ];
        return new LoadResult(
            Scenario: "orders",
            Seed: 42,
            StartedAt: Start,
            EndedAt: Start.AddSeconds(2),
            Simulations: ["inject 100/s for 2s"],
            Totals: new LoadTotals(203, 200, 200, 186, 2, 12, 3, 0, 5),
            Latency: latency,
            ServiceTime: latency with { P99Ms = 200 },
            Steps: [new StepStatistics("read", 70, 200, 186, 2, 12, new Dictionary<string, long> { ["http_503"] = 7, ["timeout"] = 5 }, new Dictionary<string, long> { ["stale"] = 2 }, latency, latency)],
            ErrorsByKind: new Dictionary<string, long> { ["http_503"] = 7, ["timeout"] = 5 },
            DegradedByKind: new Dictionary<string, long> { ["stale"] = 2 },
            Timeline: timeline,
            Annotations: [new Annotation(AnnotationKinds.Fault, "latency 500ms", "postgres", Start.AddSeconds(1), Start.AddSeconds(2))],
            Thresholds: [new CheckResult("p(95) < 200ms", true, "p(95) < 200ms", "30ms")],
            AbortReason: null);
    }
}
