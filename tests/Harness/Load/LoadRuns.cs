using Resilience.Load;
using Resilience.Load.Http;
using Resilience.Load.Results;
using Resilience.Load.Scenarios;
using Resilience.Load.Simulations;

namespace Resilience.Tests.Harness.Load;

/// <summary>Short-hands the load tests share: a GET scenario against a server and a run with progress in the test output.</summary>
internal static class LoadRuns
{
    public static Scenario Get(HttpClient client, Uri url) => Scenario.Create("get").WithStep(HttpStep.Get("get", client, url));

    public static LoadTestBuilder For(Scenario scenario, ITestOutputHelper output, params LoadSimulation[] load) =>
        LoadTest.For(scenario)
            .WithLoad(load)
            .WithSeed(1234)
            .WithProgress(new LoadProgressWriter(output.WriteLine), TimeSpan.FromSeconds(1));

    public static Task<LoadResult> RunAsync(this LoadTestBuilder builder) =>
        builder.Build().RunAsync(TestContext.Current.CancellationToken);

    public static void WriteTimeline(this ITestOutputHelper output, LoadResult result) =>
        output.WriteLine(TimelineCsv.ToCsv(result.Timeline));
}
