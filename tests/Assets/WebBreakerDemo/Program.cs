using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

// GET /ready: 200 once started. GET /query: SELECT 1 on Demo:Database through the "demo-db" breaker; 503 when the
// database fails or the breaker is open, saying which.
var builder = WebApplication.CreateBuilder(args);
var database = builder.Configuration["Demo:Database"]
    ?? throw new InvalidOperationException("Demo:Database (a PostgreSQL connection string) is not set.");
builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(database).Build());
builder.Services.AddResiliencePipeline("demo-db", pipeline => pipeline
    .AddCircuitBreaker(new CircuitBreakerStrategyOptions
    {
        FailureRatio = 0.5,
        MinimumThroughput = 4,
        SamplingDuration = TimeSpan.FromSeconds(10),
        BreakDuration = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("Demo:BreakMs", 1000)),
    })
    .AddTimeout(TimeSpan.FromSeconds(1)));

var app = builder.Build();
app.Logger.LogInformation("demo service reads its database through {Host}", new NpgsqlConnectionStringBuilder(database).Host);
app.MapGet("/ready", () => Results.Ok("ready"));
app.MapGet("/query", async (NpgsqlDataSource source, ResiliencePipelineProvider<string> pipelines, CancellationToken cancellationToken) =>
{
    try
    {
        var one = await pipelines.GetPipeline("demo-db").ExecuteAsync(
            async token =>
            {
                await using var command = source.CreateCommand("SELECT 1");
                return Convert.ToInt32(await command.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);
        return Results.Ok(one);
    }
    catch (BrokenCircuitException)
    {
        return Results.Problem("breaker open", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
    catch (Exception e) when (e is NpgsqlException or TimeoutRejectedException or InvalidOperationException)
    {
        return Results.Problem($"database failed: {e.GetType().Name}", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
});

app.Run();

/// <summary>The entry point, public so that WebApplicationFactory&lt;Program&gt; can name it.</summary>
public partial class Program;
