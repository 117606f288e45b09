using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Resilience.App.Resilience;

namespace Resilience.App.Data;

/// <summary>
/// Orders in PostgreSQL, every call through the <c>postgres</c> pipeline under the request budget and run as
/// <see cref="PostgresWork"/> (abandoned, never cancelled, when the budget or an attempt timeout runs out).
/// Reads are marked as reads, and so may be retried; the insert is not.
/// </summary>
public sealed class OrderStore(NpgsqlDataSource dataSource, [FromKeyedServices(Dependency.Postgres)] DependencyCaller postgres)
{
    private const string Columns =
        "id, customer, sku, quantity, unit_price_cents, total_cents, price_source, idempotency_key, created_at";

    public ValueTask<DependencyResult<Order?>> FindAsync(long id, RequestBudget budget) =>
        postgres.ExecuteAsync("orders.get", isRead: true, budget,
            static (s, ct) => PostgresWork.RunAsync(s.dataSource, static async (connection, id) =>
            {
                await using var command = new NpgsqlCommand($"SELECT {Columns} FROM orders WHERE id = $1", connection);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
                await using var reader = await command.ExecuteReaderAsync();
                return await reader.ReadAsync() ? Read(reader) : null;
            }, s.id, ct),
            (dataSource, id));

    /// <summary>One page in id order, plus whether another page follows.</summary>
    public ValueTask<DependencyResult<(IReadOnlyList<Order> Items, bool HasMore)>> PageAsync(int page, int size, RequestBudget budget) =>
        postgres.ExecuteAsync("orders.list", isRead: true, budget,
            static (s, ct) => PostgresWork.RunAsync(s.dataSource, static async (connection, s) =>
            {
                await using var command = new NpgsqlCommand($"SELECT {Columns} FROM orders ORDER BY id LIMIT $1 OFFSET $2", connection);
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = s.size + 1 });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(s.page - 1) * s.size });
                var items = await ReadAllAsync(command);
                var hasMore = items.Count > s.size;
                if (hasMore)
                {
                    items.RemoveAt(items.Count - 1);
                }
                return ((IReadOnlyList<Order>)items, hasMore);
            }, (s.page, s.size), ct),
            (dataSource, page, size));

    /// <summary>Orders whose customer or SKU hold words starting with every term, newest first.</summary>
    public ValueTask<DependencyResult<IReadOnlyList<Order>>> SearchAsync(IReadOnlyList<string> terms, int limit, RequestBudget budget) =>
        postgres.ExecuteAsync("orders.search", isRead: true, budget,
            static (s, ct) => PostgresWork.RunAsync(s.dataSource, static async (connection, s) =>
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT {Columns} FROM orders WHERE search @@ to_tsquery('simple', $1) ORDER BY id DESC LIMIT $2", connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PrefixQuery(s.terms) });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = s.limit });
                return (IReadOnlyList<Order>)await ReadAllAsync(command);
            }, (s.terms, s.limit), ct),
            (dataSource, terms, limit));

    /// <summary>
    /// Inserts the order in one autocommit statement, so when this returns the row is committed. A known key
    /// inserts nothing, and the same statement answers with the stored order: a client's retry costs one round trip,
    /// as the first attempt did, so a slow database times out neither more nor less for retries. Only when the
    /// stored order was committed by a concurrent insert that this one waited for does the statement's snapshot miss
    /// it; a second statement then reads it.
    /// </summary>
    public ValueTask<DependencyResult<CreateResult>> CreateAsync(NewOrder order, string? idempotencyKey, RequestBudget budget) =>
        postgres.ExecuteAsync("orders.create", isRead: false, budget,
            static (s, ct) => PostgresWork.RunAsync(s.dataSource, InsertAsync, (s.order, s.idempotencyKey), ct),
            (dataSource, order, idempotencyKey));

    private static async Task<CreateResult> InsertAsync(NpgsqlConnection connection, (NewOrder Order, string? Key) s)
    {
        var hash = s.Key is null ? null : RequestHash(s.Order);
        await using (var insert = new NpgsqlCommand($"""
            WITH inserted AS (
                INSERT INTO orders (idempotency_key, request_hash, customer, sku, quantity, unit_price_cents, total_cents, price_source)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING {Columns}, request_hash)
            SELECT {Columns}, request_hash, true FROM inserted
            UNION ALL
            SELECT {Columns}, request_hash, false FROM orders
            WHERE idempotency_key = $1 AND NOT EXISTS (SELECT 1 FROM inserted)
            """, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = s.Key, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<byte[]?> { TypedValue = hash, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Order.Customer });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Order.Sku });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = s.Order.Quantity });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = s.Order.UnitPriceCents });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = s.Order.TotalCents });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Order.PriceSource });
            await using var reader = await insert.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                return reader.GetBoolean(10) ? new CreateResult(CreateOutcome.Created, Read(reader)) : Existing(reader, hash);
            }
        }

        await using var original = new NpgsqlCommand($"SELECT {Columns}, request_hash FROM orders WHERE idempotency_key = $1", connection);
        original.Parameters.Add(new NpgsqlParameter<string> { TypedValue = s.Key! });
        await using var existing = await original.ExecuteReaderAsync();
        if (!await existing.ReadAsync())
        {
            // The conflicting row vanished between the two statements: only a manual delete can do that.
            throw new InvalidOperationException("Order for a known idempotency key disappeared");
        }

        return Existing(existing, hash);
    }

    /// <summary>The order stored under a known key: a replay when the request is the same, a misuse of the key otherwise.</summary>
    private static CreateResult Existing(NpgsqlDataReader reader, byte[]? hash)
    {
        var stored = Read(reader);
        var storedHash = reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9);
        var sameRequest = storedHash is not null && hash is not null && storedHash.AsSpan().SequenceEqual(hash);
        return new CreateResult(sameRequest ? CreateOutcome.Replayed : CreateOutcome.KeyReusedWithDifferentRequest, stored);
    }

    private static async Task<List<Order>> ReadAllAsync(NpgsqlCommand command)
    {
        var items = new List<Order>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            items.Add(Read(reader));
        }
        return items;
    }

    private static Order Read(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetInt32(3),
        r.GetInt64(4),
        r.GetInt64(5),
        r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7),
        r.GetFieldValue<DateTimeOffset>(8));

    /// <summary>Terms are letters and digits only (the caller guarantees it), so they are safe tsquery lexemes.</summary>
    private static string PrefixQuery(IReadOnlyList<string> terms) => string.Join(" & ", terms.Select(t => t + ":*"));

    private static byte[] RequestHash(NewOrder order) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{order.Customer}\n{order.Sku}\n{order.Quantity}"));
}
