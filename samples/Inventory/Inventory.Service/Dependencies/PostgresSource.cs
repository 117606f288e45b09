using Npgsql;

namespace Inventory.Service.Dependencies;

/// <summary>Builds the service's one NpgsqlDataSource (one connection pool) from <c>Inventory:Database</c>.</summary>
public static class PostgresSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var options = builder.ConnectionStringBuilder;
        // Calls are abandoned after their attempt timeout rather than cancelled (see LetGo). A short command
        // timeout gives the connection of an abandoned call back to the pool soon instead of after 30 s, and
        // skipping the wait for the cancel request's answer keeps a black-holed server from holding it longer.
        if (!options.ContainsKey("Command Timeout"))
        {
            options.CommandTimeout = 2;
        }
        if (!options.ContainsKey("Cancellation Timeout"))
        {
            options.CancellationTimeout = -1;
        }
        if (string.IsNullOrEmpty(options.ApplicationName))
        {
            options.ApplicationName = "inventory-service";
        }
        return builder.Build();
    }

    /// <summary>Where the service connects, for the start-up log: never the credentials.</summary>
    public static string Describe(string connectionString)
    {
        var options = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{options.Host}:{options.Port}/{options.Database}";
    }
}
