namespace Resilience.App.Configuration;

/// <summary>The <c>Postgres</c> section: connection-level settings layered over <c>ConnectionStrings:Postgres</c>.</summary>
public sealed class PostgresSettings
{
    public const string Section = "Postgres";

    /// <summary>Overrides the connection string's Maximum Pool Size.</summary>
    public int MaxPoolSize { get; set; } = 30;

    /// <summary>Connections opened at start-up, before the app reports ready (capped at the pool size).</summary>
    public int WarmUpConnections { get; set; } = 10;

    /// <summary>Npgsql's connect timeout; a backstop, the attempt timeout normally fires first.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 2;

    /// <summary>
    /// Server-side statement_timeout: PostgreSQL ends a statement that runs (or waits on a lock) longer than this.
    /// The backstop for abandoned work, because it needs no client-side cancel request. 0 means none.
    /// </summary>
    public int StatementTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// Npgsql's client-side command timeout, 0 (none) by default: when it fires Npgsql sends a cancel request
    /// synchronously, which blocks a thread for as long as the server does not answer. Attempt timeouts and the
    /// request budget bound each request instead.
    /// </summary>
    public int CommandTimeoutSeconds { get; set; }

    /// <summary>How long start-up keeps retrying the schema migration while PostgreSQL is not reachable yet.</summary>
    public int StartupTimeoutSeconds { get; set; } = 30;
}
