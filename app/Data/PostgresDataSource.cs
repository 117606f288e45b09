using Npgsql;
using Resilience.App.Configuration;

namespace Resilience.App.Data;

/// <summary>Builds the app's one NpgsqlDataSource (and so its one connection pool) from the settings.</summary>
public static class PostgresDataSource
{
    public static NpgsqlDataSource Create(string connectionString, PostgresSettings settings)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var cs = builder.ConnectionStringBuilder;
        cs.MaxPoolSize = settings.MaxPoolSize;
        cs.MinPoolSize = Math.Min(cs.MinPoolSize, settings.MaxPoolSize);
        cs.Timeout = settings.ConnectTimeoutSeconds;
        cs.CommandTimeout = settings.CommandTimeoutSeconds;
        // Should a command timeout be configured, break the connection right after the cancel request is sent
        // instead of also waiting for the server to confirm it.
        cs.CancellationTimeout = -1;
        if (settings.StatementTimeoutMs > 0)
        {
            cs.Options = $"{cs.Options} -c statement_timeout={settings.StatementTimeoutMs}".Trim();
        }
        if (string.IsNullOrEmpty(cs.ApplicationName))
        {
            cs.ApplicationName = "resilience-app";
        }
        if (cs.MaxAutoPrepare == 0)
        {
            // The app runs a handful of fixed statements: preparing them saves a parse per call.
            cs.MaxAutoPrepare = 16;
        }
        return builder.Build();
    }

    /// <summary>Where the app connects, for logs: host, port and database, never credentials.</summary>
    public static string Describe(string connectionString)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{cs.Host}:{cs.Port}/{cs.Database}";
    }
}
