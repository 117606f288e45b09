using Npgsql;
using Resilience.App.Configuration;
using Resilience.App.Data;
using Resilience.App.Resilience;

namespace Resilience.App.Startup;

/// <summary>
/// Opens part of the connection pool before the app reports ready. A fresh pool meeting a burst pays for a
/// connection handshake (and authentication) per request at once, which on a small machine outlasts the attempt
/// timeout and opens the breaker on a healthy database.
/// </summary>
public sealed class PoolWarmUp(NpgsqlDataSource dataSource, AppSettings settings, ILogger<PoolWarmUp> logger)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var connections = Math.Min(settings.Postgres.WarmUpConnections, settings.Postgres.MaxPoolSize);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(GiveUpAfter);
        try
        {
            // All at once, so the pool really holds that many connections afterwards.
            var opened = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ =>
                dataSource.OpenConnectionAsync(CancellationToken.None).AsTask().WaitOrAbandonAsync(timeout.Token).AsTask()));
            foreach (var connection in opened)
            {
                await connection.DisposeAsync();
            }
            logger.LogInformation("Opened {Connections} pooled PostgreSQL connections", connections);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Not fatal: readiness reports PostgreSQL, and requests open connections as they need them.
            logger.LogWarning("Could not warm the PostgreSQL pool: {Error}", e.Message);
        }
    }
}
