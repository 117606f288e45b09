using Resilience.Reports.Writers;

namespace Resilience.Tests.Harness.Reports;

/// <summary>report.html in headless Chromium, offline: it must draw its charts, shade faults and band breaker states.</summary>
public sealed class HtmlReportBrowserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Report_html_opens_offline_and_draws_every_chart_without_script_errors()
    {
        var baseline = await ReportGeneration.GenerateAsync(_folder,
            [SampleRuns.PostgresLatencyRun(p95Ms: 6), SampleRuns.RedisDownRun(), SampleRuns.StressRun(breakingPointRps: 1300)], runId: "baseline");
        var output = await ReportGeneration.GenerateAsync(_folder, baselinePath: baseline.JsonPath);
        var scenarios = HtmlReportSections.Ordered(output.Report);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var opened = await chromium.OpenOfflineAsync(output.HtmlPath);
        await ChartProbe.WaitForChartsAsync(opened.Page);
        var screenshot = RepositoryPaths.Artifacts("test-screenshots", "report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await opened.Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });

        opened.ScriptErrors.Should().BeEmpty();
        opened.NetworkRequests.Should().BeEmpty("the page must need nothing but itself");
        (await opened.Page.GetAttributeAsync("html", "data-charts-failed")).Should().Be("0");
        var drawn = await ChartProbe.ChartsAsync(opened.Page);
        drawn.Should().HaveCount(scenarios.Count);
        foreach (var section in drawn)
        {
            var scenario = scenarios[section.Index];
            var expectedKinds = scenario.BreakerStates.Count > 0
                ? new[] { "traffic", "latency", "degraded", "band" }
                : ["traffic", "latency", "degraded"];
            section.Charts.Select(c => c.Kind).Should().Equal(expectedKinds, scenario.Scenario);
            section.Charts.Should().OnlyContain(c => c.InkedFraction > 0.01, "every canvas of {0} must be drawn on", scenario.Scenario);
            section.Charts.Should().OnlyContain(c => c.Annotations == scenario.Faults.Count);
            section.Charts[0].Datasets.Should().StartWith(["attempted", "ok", "errors"]);
            section.Charts[0].Points.Should().Be(3 * scenario.Timeline.Count);
            section.Charts[1].Datasets.Should().Equal("p50", "p95", "p99");
            section.Charts[2].Datasets.Should().Equal("degraded");
        }

        var postgres = scenarios.ToList().FindIndex(s => s.Scenario == SampleRuns.PostgresLatency);
        var shading = await ChartProbe.FaultShadingAsync(opened.Page, postgres, insideS: 20, outsideS: 5);
        shading.Inside.Should().BeGreaterThan(0.8, "the fault window 10 s to 25 s is shaded");
        shading.Outside.Should().BeLessThan(0.2, "outside the fault window nothing is shaded");
        ShouldBeColour(await ChartProbe.BandColourAsync(opened.Page, postgres, "postgres", 18), 0xd6, 0x28, 0x39, "the breaker is Open at 18 s");
        ShouldBeColour(await ChartProbe.BandColourAsync(opened.Page, postgres, "postgres", 5), 0x2e, 0x9d, 0x5b, "the breaker is Closed at 5 s");

        var table = await opened.Page.InnerTextAsync("table.verdicts");
        table.Should().Contain("p(95) < 200ms (measured 350 ms)");
    }

    [Fact]
    public async Task Hostile_text_in_records_stays_text_and_cannot_run_script()
    {
        const string closeScript = "</script><script>window.pwned = 1; alert('pwned')</script>";
        var run = SampleRuns.RedisDownRun() with
        {
            Scenario = $"Chaos.Hostile {closeScript}",
            Checks = [new("p95 <img src=x onerror=\"window.pwned = 2\">", false, "<b>x</b>", closeScript)],
            Annotations = [new("fault", closeScript, "redis\u2028", SampleRuns.Start.AddMinutes(1).AddSeconds(8), SampleRuns.Start.AddMinutes(1).AddSeconds(20))],
        };
        var output = await ReportGeneration.GenerateAsync(_folder, [run]);

        var html = File.ReadAllText(output.HtmlPath);
        System.Text.RegularExpressions.Regex.Count(html, "</script", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .Should().Be(4, "only the page's own four script elements may close");

        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var opened = await chromium.OpenOfflineAsync(output.HtmlPath);
        await ChartProbe.WaitForChartsAsync(opened.Page);

        opened.ScriptErrors.Should().BeEmpty();
        opened.Dialogs.Should().BeEmpty();
        (await opened.Page.EvaluateAsync<bool>("() => window.pwned === undefined")).Should().BeTrue();
        (await opened.Page.GetAttributeAsync("html", "data-charts-rendered")).Should().Be("3", "traffic, latency and degraded: the hostile run has no breaker entries");
        (await opened.Page.InnerTextAsync("table.verdicts")).Should().Contain(closeScript);
    }

    private static void ShouldBeColour(int[] rgba, int red, int green, int blue, string because)
    {
        rgba.Should().HaveCount(4);
        rgba[0].Should().BeCloseTo(red, 12, because);
        rgba[1].Should().BeCloseTo(green, 12, because);
        rgba[2].Should().BeCloseTo(blue, 12, because);
        rgba[3].Should().BeGreaterThan(200, because);
    }
}
