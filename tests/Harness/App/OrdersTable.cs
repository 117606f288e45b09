using Npgsql;
using Resilience.Reference.Stack;

namespace Resilience.Tests.Harness.App;

/// <summary>The app's orders table read and written straight at PostgreSQL, not through the proxy or the app.</summary>
public static class OrdersTable
{
    /// <summary>An order the app never saw, so Redis holds no copy of it.</summary>
    public static Task<long> InsertUncachedAsync(ResilienceStack stack, string customer) =>
        ScalarAsync<long>(stack, """
            INSERT INTO orders (customer, sku, quantity, unit_price_cents, total_cents, price_source)
            VALUES ($1, 'SKU-1', 1, 100, 100, 'service') RETURNING id
            """, customer);

    public static Task<long> CountWithKeyAsync(ResilienceStack stack, string idempotencyKey) =>
        ScalarAsync<long>(stack, "SELECT count(*) FROM orders WHERE idempotency_key = $1", idempotencyKey);

    public static Task<long> CountForCustomerAsync(ResilienceStack stack, string customer) =>
        ScalarAsync<long>(stack, "SELECT count(*) FROM orders WHERE customer = $1", customer);

    public static Task<long> CountAllAsync(ResilienceStack stack) => ScalarAsync<long>(stack, "SELECT count(*) FROM orders", null);

    private static async Task<T> ScalarAsync<T>(ResilienceStack stack, string sql, string? parameter)
    {
        await using var connection = new NpgsqlConnection(stack.Environment.Postgres.Endpoint.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
