using Npgsql;
using Resilience.Fixtures.Environment;
using StackExchange.Redis;

/// <summary>
/// Proves, outside the timed section, that the servers a timer stopped for really serve clients: Npgsql
/// <c>SELECT 1</c> and StackExchange.Redis <c>PING</c> with the environment's password.
/// </summary>
internal static class ServerCheck
{
    /// <exception cref="InvalidOperationException">PostgreSQL answered something other than 1.</exception>
    public static async Task VerifyAsync(ResilienceEnvironment environment)
    {
        await using var connection = new NpgsqlConnection(environment.Postgres.Endpoint.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        if ((int)(await command.ExecuteScalarAsync())! != 1)
        {
            throw new InvalidOperationException("PostgreSQL did not answer SELECT 1.");
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.Redis.Endpoint.ConfigurationString);
        await redis.GetDatabase().PingAsync();
    }
}
