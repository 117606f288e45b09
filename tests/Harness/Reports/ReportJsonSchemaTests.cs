using System.Text.Json.Nodes;
using NJsonSchema;
using Resilience.Reports.Model;
using Resilience.Reports.Resources;
using Resilience.Reports.Writers;

namespace Resilience.Tests.Harness.Reports;

public sealed class ReportJsonSchemaTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Report_json_validates_against_the_schema_written_beside_it()
    {
        var output = await ReportGeneration.GenerateAsync(_folder, baselinePath: await BaselineAsync());
        var schemaPath = Path.Combine(output.Directory, JsonReportWriter.SchemaFileName);

        File.ReadAllText(schemaPath).Should().Be(ReportResources.Read(ReportResources.Schema));
        var errors = (await JsonSchema.FromFileAsync(schemaPath, TestContext.Current.CancellationToken)).Validate(File.ReadAllText(output.JsonPath));
        errors.Should().BeEmpty("report.json must follow report.schema.json: {0}", string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task Report_json_carries_the_schema_version_environment_versions_and_each_verdict()
    {
        var output = await ReportGeneration.GenerateAsync(_folder);
        var json = JsonNode.Parse(File.ReadAllText(output.JsonPath))!;

        json["schemaVersion"]!.GetValue<int>().Should().Be(SignoffReport.CurrentSchemaVersion).And.Be(1);
        json["verdict"]!.GetValue<string>().Should().Be("fail");
        json["profile"]!.GetValue<string>().Should().Be("ci");
        json["seed"]!.GetValue<long>().Should().Be(4242);
        json["environment"]!["provider"]!.GetValue<string>().Should().Be("local");
        json["versions"]!["postgres"]!.GetValue<string>().Should().Be("15.14");
        json["versions"]!["dotnet"]!.GetValue<string>().Should().StartWith(".NET 10");

        var scenarios = json["scenarios"]!.AsArray().ToDictionary(s => s!["scenario"]!.GetValue<string>());
        scenarios[SampleRuns.PostgresLatency]!["verdict"]!.GetValue<string>().Should().Be("pass");
        scenarios[SampleRuns.PostgresLatency]!["recovery"]!["mttrS"]!.GetValue<double>().Should().Be(2.0);
        scenarios[SampleRuns.PostgresLatency]!["recovery"]!["timeToDetectS"]!.GetValue<double>().Should().Be(1.4);
        scenarios[SampleRuns.PostgresLatency]!["ledger"]!["status"]!.GetValue<string>().Should().Be("passed");
        scenarios[SampleRuns.PostgresLatency]!["timeline"]!.AsArray().Should().HaveCount(40);
        scenarios[SampleRuns.RedisDown]!["verdict"]!.GetValue<string>().Should().Be("fail");
        scenarios[SampleRuns.RedisDown]!["failedChecks"]!.AsArray().Select(c => c!.GetValue<string>())
            .Should().Equal("p(95) < 200ms", "no lost writes");
        scenarios[SampleRuns.RedisDown]!["ledger"]!["status"]!.GetValue<string>().Should().Be("failed");
        scenarios[SampleRuns.RedisDown]!["ledger"]!["detail"]!.GetValue<string>().Should().Contain("key-17");
        scenarios[SampleRuns.Stress]!["breakingPointRps"]!.GetValue<double>().Should().Be(1180);
    }

    [Fact]
    public async Task The_schema_rejects_a_report_that_breaks_its_shape()
    {
        var output = await ReportGeneration.GenerateAsync(_folder);
        var schema = await JsonSchema.FromJsonAsync(ReportResources.Read(ReportResources.Schema), TestContext.Current.CancellationToken);

        var unknownVerdict = JsonNode.Parse(File.ReadAllText(output.JsonPath))!;
        unknownVerdict["scenarios"]![0]!["verdict"] = "maybe";
        var missingTimeline = JsonNode.Parse(File.ReadAllText(output.JsonPath))!;
        missingTimeline["scenarios"]![1]!.AsObject().Remove("timeline");
        var otherVersion = JsonNode.Parse(File.ReadAllText(output.JsonPath))!;
        otherVersion["schemaVersion"] = 2;

        schema.Validate(unknownVerdict.ToJsonString()).Should().NotBeEmpty();
        schema.Validate(missingTimeline.ToJsonString()).Should().NotBeEmpty();
        schema.Validate(otherVersion.ToJsonString()).Should().NotBeEmpty();
    }

    private async Task<string> BaselineAsync()
    {
        var baseline = await ReportGeneration.GenerateAsync(_folder,
            [SampleRuns.PostgresLatencyRun(p95Ms: 5), SampleRuns.RedisDownRun(), SampleRuns.StressRun(breakingPointRps: 1500)], runId: "baseline");
        return baseline.JsonPath;
    }
}
