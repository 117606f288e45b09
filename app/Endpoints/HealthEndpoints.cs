using Npgsql;
using Resilience.App.Caching;
using Resilience.App.Data;
using Resilience.App.Resilience;
using Resilience.App.Startup;
using StackExchange.Redis;

namespace Resilience.App.Endpoints;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the start-up warm-up is done and PostgreSQL and
/// Redis both answer a trivial command within a second. The checks bypass the resilience pipelines so probing
/// never trips a breaker.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health/live", () =>
            TypedResults.Json(new HealthReport("live", new Dictionary<string, string>()), AppJsonContext.Default.HealthReport));
        endpoints.MapGet("/health/ready", ReadyAsync);
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(NpgsqlDataSource postgres, RedisConnection redis, RequestPathWarmUp warmUp, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(CheckTimeout);
        var postgresCheck = CheckAsync(async ct => await PostgresWork.RunAsync(postgres, static async (connection, _) =>
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return await command.ExecuteScalarAsync();
        }, 0, ct), timeout.Token);
        var redisCheck = CheckAsync(async ct => await redis.Database.PingAsync().WaitOrAbandonAsync(ct), timeout.Token);
        var checks = new Dictionary<string, string>
        {
            ["postgres"] = await postgresCheck,
            ["redis"] = await redisCheck,
            ["warm-up"] = warmUp.IsComplete ? "done" : "running",
        };
        if (checks["redis"] != "up" && redis.Current.IsConnected)
        {
            // Connected yet not answering its ping: a connection that lost bytes answers every command with an
            // earlier command's reply and never recovers by itself, so an idle app would stay not-ready.
            redis.Replace("the readiness ping failed on a connected socket");
        }

        var ready = checks.Values.All(v => v is "up" or "done");
        return TypedResults.Json(new HealthReport(ready ? "ready" : "not-ready", checks), AppJsonContext.Default.HealthReport,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string> CheckAsync(Func<CancellationToken, Task> probe, CancellationToken ct)
    {
        try
        {
            await probe(ct);
            return "up";
        }
        catch (OperationCanceledException)
        {
            return "timeout";
        }
        catch (Exception e) when (e is NpgsqlException or RedisException or IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return "down";
        }
    }
}
