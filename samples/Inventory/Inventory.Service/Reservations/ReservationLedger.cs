using Inventory.Service.Dependencies;
using Inventory.Service.Http;
using Npgsql;
using Polly;
using Polly.Registry;

namespace Inventory.Service.Reservations;

/// <summary>What happened to a reservation request.</summary>
public abstract record Reserved
{
    private Reserved() { }

    /// <summary>A new reservation; the stock was taken in the same transaction.</summary>
    public sealed record Created(long Id) : Reserved;

    /// <summary>The request id was seen before: its reservation stands, nothing was taken twice.</summary>
    public sealed record Replayed(long Id) : Reserved;

    public sealed record UnknownSku : Reserved;

    public sealed record NotEnough(int Available) : Reserved;
}

/// <summary>
/// The reservations table and the stock it takes, each call one transaction through the inventory-db pipeline.
/// The request id makes reserving idempotent: a retried request (say, after a 503 whose work still committed)
/// finds its reservation instead of taking stock twice.
/// </summary>
public sealed class ReservationLedger(NpgsqlDataSource source, ResiliencePipelineProvider<string> pipelines)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(Pipelines.Database);

    public async ValueTask<Reserved> ReserveAsync(string requestId, string sku, int quantity, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static async (state, token) =>
                await ReserveInTransactionAsync(state.source, state.requestId, state.sku, state.quantity, token).WaitOrLetGoAsync(token),
            (source, requestId, sku, quantity), cancellationToken);

    public async ValueTask<ReservationView?> FindAsync(long id, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static async (state, token) => await SelectAsync(state.source, state.id, token).WaitOrLetGoAsync(token),
            (source, id), cancellationToken);

    // Only opening takes the token: waiting for a pool slot or a connect cancels cleanly, a running command does not (see LetGo).
    private static async Task<Reserved> ReserveInTransactionAsync(
        NpgsqlDataSource source, string requestId, string sku, int quantity, CancellationToken openToken)
    {
        await using var connection = await source.OpenConnectionAsync(openToken);
        await using var transaction = await connection.BeginTransactionAsync();

        // A concurrent insert of the same request id waits here for the first to end, then conflicts (it committed)
        // or goes ahead (it rolled back), so the request id is taken exactly once.
        var inserted = await ScalarAsync(connection, transaction,
            "INSERT INTO reservations (request_id, sku, quantity) VALUES ($1, $2, $3) ON CONFLICT (request_id) DO NOTHING RETURNING id",
            requestId, sku, quantity);
        if (inserted is not long id)
        {
            await transaction.RollbackAsync();
            // Read committed: this statement sees the reservation that conflicted.
            var existing = await ScalarAsync(connection, null, "SELECT id FROM reservations WHERE request_id = $1", requestId);
            return existing is long existingId
                ? new Reserved.Replayed(existingId)
                : throw new InvalidOperationException($"request id {requestId} conflicted but its reservation is gone");
        }

        var taken = await ScalarAsync(connection, transaction,
            "UPDATE items SET available = available - $2 WHERE sku = $1 AND available >= $2 RETURNING available",
            sku, quantity);
        if (taken is int)
        {
            await transaction.CommitAsync();
            return new Reserved.Created(id);
        }

        var available = await ScalarAsync(connection, transaction, "SELECT available FROM items WHERE sku = $1", sku);
        await transaction.RollbackAsync();
        return available is int left ? new Reserved.NotEnough(left) : new Reserved.UnknownSku();
    }

    private static async Task<ReservationView?> SelectAsync(NpgsqlDataSource source, long id, CancellationToken openToken)
    {
        await using var connection = await source.OpenConnectionAsync(openToken);
        await using var command = new NpgsqlCommand(
            "SELECT id, request_id, sku, quantity, created_at FROM reservations WHERE id = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = id } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }
        return new ReservationView(
            reader.GetInt64(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetString(2),
            reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
    }

    private static async Task<object?> ScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return await command.ExecuteScalarAsync();
    }
}
