using Resilience.Load;
using Resilience.Load.Http;
using Resilience.Load.Results;
using Resilience.Load.Scenarios;
using Resilience.Load.Simulations;

namespace Resilience.Tests.Harness.Load;

/// <summary>Short-hands the load tests share: a GET scenario against a server and a run with progress in the test output.</summary>
internal static class LoadRuns
{
    /// <summary>Header carrying the iteration's intended start (UTC ticks), so the server can tell schedule from send lag.</summary>
    public const string IntendedStartHeader = "X-Intended-Start";

    public static Scenario Get(HttpClient client, Uri url) => Scenario.Create("get").WithStep(HttpStep.Get("get", client, url));

    /// <summary>Like <see cref="Get"/>, stamping each request with its intended start.</summary>
    public static Scenario GetStamped(HttpClient client, Uri url) =>
        Scenario.Create("get").WithStep(HttpStep.Send("get", client, context => new HttpRequestMessage(HttpMethod.Get, url)
        {
            Headers = { { IntendedStartHeader, context.IntendedStart.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        }));

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
