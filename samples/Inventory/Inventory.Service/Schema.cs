using System.Net.Sockets;
using Inventory.Service.Dependencies;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Inventory.Service;

/// <summary>
/// Creates the two tables and seeds the 100 items on start-up. Every statement is idempotent and the whole step is
/// serialised with an advisory lock, so restarts and several instances starting at once are harmless.
/// </summary>
public static class Schema
{
    private const string Ddl = """
        SELECT pg_advisory_xact_lock(hashtext('inventory-service-schema'));
        CREATE TABLE IF NOT EXISTS items (
            sku       text PRIMARY KEY,
            available int  NOT NULL
        );
        CREATE TABLE IF NOT EXISTS reservations (
            id         bigserial PRIMARY KEY,
            request_id text UNIQUE,
            sku        text NOT NULL,
            quantity   int  NOT NULL,
            created_at timestamptz DEFAULT now()
        );
        INSERT INTO items (sku, available)
        SELECT 'SKU-' || lpad(n::text, 3, '0'), 1000 FROM generate_series(0, 99) AS n
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>
    /// Runs the schema step, retrying for up to 30 s while PostgreSQL is not answering yet (the service may start
    /// before it). This pipeline is deliberately not registered in DI: it has no telemetry, so the harness's view
    /// of the Polly meter holds the request path's two pipelines only.
    /// </summary>
    public static async Task<bool> EnsureAsync(NpgsqlDataSource source, ILogger logger, CancellationToken stopping)
    {
        var startup = new ResiliencePipelineBuilder()
            .AddTimeout(TimeSpan.FromSeconds(30))
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<NpgsqlException>(e => e.IsTransient)
                    .Handle<TimeoutRejectedException>()
                    .Handle<TimeoutException>()
                    .Handle<IOException>()
                    .Handle<SocketException>(),
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    logger.LogInformation("PostgreSQL is not ready for the schema step yet (attempt {Attempt}): {Error}",
                        args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            // A server that accepts connections but never answers must cost one attempt, not the whole 30 s.
            .AddTimeout(TimeSpan.FromSeconds(5))
            .Build();

        try
        {
            await startup.ExecuteAsync(
                static async (source, token) => await ApplyAsync(source, token).WaitOrLetGoAsync(token), source, stopping);
            logger.LogInformation("Schema is in place and items SKU-000 to SKU-099 are seeded");
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            logger.LogCritical(e, "Could not create the schema");
            return false;
        }
    }

    private static async Task<bool> ApplyAsync(NpgsqlDataSource source, CancellationToken openToken)
    {
        await using var connection = await source.OpenConnectionAsync(openToken);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return true;
    }
}
