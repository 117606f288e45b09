using System.Text;
using Resilience.Load;
using Resilience.Load.Http;
using Resilience.Load.Scenarios;
using Resilience.Load.Simulations;

/// <summary>
/// Open-model load on the Inventory service through the harness's load engine: <c>GET /stock/{sku}</c> over
/// SKU-000..SKU-099, optionally mixed with <c>POST /reservations</c> (which always reach PostgreSQL, where stock
/// reads are mostly Redis hits). Counts every finished request, so a measuring window can take the difference.
/// </summary>
internal sealed class Traffic(HttpClient client)
{
    private long completed;
    private long failed;

    /// <summary>Requests finished so far, whatever their outcome.</summary>
    public long Completed => Interlocked.Read(ref completed);

    /// <summary>Requests that ended in an error (4xx/5xx, transport failure).</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Starts <paramref name="rate"/> arrivals per second for <paramref name="during"/>; stop the run to end it early.</summary>
    public LoadRun Start(double rate, TimeSpan during, double reservationShare, long seed)
    {
        var scenario = Scenario.Create("observer-bench")
            .WithStep(Counted(HttpStep.Send("get-stock", client, StockRead, 1 - reservationShare)));
        if (reservationShare > 0)
        {
            scenario = scenario.WithStep(Counted(HttpStep.Send("reserve", client, Reservation, reservationShare)));
        }

        return LoadTest.For(scenario)
            .WithLoad(Simulation.Inject(rate, during))
            .WithSeed(seed)
            .WithGracefulStop(TimeSpan.FromSeconds(5))
            .Build()
            .Start();
    }

    /// <summary>Stock reads ramping from 0 to <paramref name="rate"/> per second: the service's JIT, pools and Redis warm without a burst.</summary>
    public Task WarmUpAsync(double rate, TimeSpan during) =>
        LoadTest.For(Scenario.Create("observer-bench-warm-up").WithStep(Counted(HttpStep.Send("get-stock", client, StockRead))))
            .WithLoad(Simulation.RampingInject(rate, during))
            .WithSeed(0)
            .Build()
            .RunAsync();

    private static HttpRequestMessage StockRead(StepContext context) =>
        new(HttpMethod.Get, $"/stock/SKU-{context.Random.Next(100):000}");

    private static HttpRequestMessage Reservation(StepContext context)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/reservations")
        {
            Content = new StringContent($$"""{"sku":"SKU-{{context.Random.Next(100):000}}","quantity":1}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Request-Id", $"observer-bench-{Environment.ProcessId}-{context.ScenarioName}-{context.Iteration}");
        return request;
    }

    private ScenarioStep Counted(ScenarioStep step) => new(step.Name, step.Weight, async context =>
    {
        var result = await step.Run(context);
        Interlocked.Increment(ref completed);
        if (result.Outcome == StepOutcome.Error)
        {
            Interlocked.Increment(ref failed);
        }

        return result;
    });
}
