using Npgsql;
using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Environment;

/// <summary>
/// One-line SQL helpers so the tests read as the behaviour they check. Connections to an endpoint are unpooled:
/// after a server restart a pooled connection would still point at the old server process.
/// </summary>
internal static class Sql
{
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public static async Task<T> ScalarAsync<T>(PostgresEndpoint endpoint, string sql)
    {
        await using var connection = Unpooled(endpoint);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return await ScalarAsync<T>(connection, sql);
    }

    public static async Task ExecuteAsync(PostgresEndpoint endpoint, string sql)
    {
        await using var connection = Unpooled(endpoint);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(connection, sql);
    }

    public static NpgsqlConnection Unpooled(PostgresEndpoint endpoint)
    {
        var builder = endpoint.CreateConnectionStringBuilder();
        builder.Pooling = false;
        return new NpgsqlConnection(builder.ConnectionString);
    }
}
