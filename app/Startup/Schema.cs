using Npgsql;
using Resilience.App.Data;

namespace Resilience.App.Startup;

/// <summary>
/// Creates the schema on start-up. Idempotent (IF NOT EXISTS throughout) and serialised with an advisory lock,
/// so several app instances can start against one database at once.
/// </summary>
public sealed class Schema(NpgsqlDataSource dataSource, ILogger<Schema> logger)
{
    // Search uses PostgreSQL's built-in full-text search (no extension needed): a generated tsvector over the
    // customer and SKU, GIN-indexed. The SKU is indexed once more split at '-' and '_' so "sku-1" finds SKU-1
    // (the parser would read "-1" as a signed number). The idempotency key is unique; NULL (idempotency switched off) never conflicts.
    private const string Ddl = """
        SELECT pg_advisory_xact_lock(hashtext('resilience-app-schema'));
        CREATE TABLE IF NOT EXISTS orders (
            id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            idempotency_key  text,
            request_hash     bytea,
            customer         text        NOT NULL,
            sku              text        NOT NULL,
            quantity         integer     NOT NULL CHECK (quantity > 0),
            unit_price_cents bigint      NOT NULL,
            total_cents      bigint      NOT NULL,
            price_source     text        NOT NULL,
            created_at       timestamptz NOT NULL DEFAULT now(),
            search           tsvector    GENERATED ALWAYS AS
                                 (to_tsvector('simple', customer || ' ' || sku || ' ' || translate(sku, '-_', '  '))) STORED,
            CONSTRAINT orders_idempotency_key_unique UNIQUE (idempotency_key)
        );
        CREATE INDEX IF NOT EXISTS orders_search_idx ON orders USING gin (search);
        """;

    public async Task MigrateAsync(TimeSpan retryFor, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + retryFor;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            // Each try is abandoned after a while rather than cancelled (see PostgresWork): a server that accepts
            // connections but does not answer yet must not hang start-up.
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await PostgresWork.RunAsync(dataSource, static async (connection, _) =>
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    await using (var command = new NpgsqlCommand(Ddl, connection, transaction))
                    {
                        await command.ExecuteNonQueryAsync();
                    }
                    await transaction.CommitAsync();
                    return true;
                }, 0, attempt.Token);
                logger.LogInformation("Schema is up to date");
                return;
            }
            catch (Exception e) when (e is (NpgsqlException and not PostgresException { IsTransient: false }) or TimeoutException or OperationCanceledException
                && !cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("PostgreSQL not ready for the schema migration yet ({Error}); retrying", e.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }
}
