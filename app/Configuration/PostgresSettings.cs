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
    /// Npgsql's client-side command timeout: it ends work that requests have abandoned, so a connection whose
    /// query was lost (a black-holing proxy drops it, and the server never sees it, so statement_timeout cannot
    /// fire) is broken and leaves the pool instead of holding a slot forever; without it the pool stays full of
    /// dead connections after the fault ends and the app never recovers. Requests never wait this long: attempt
    /// timeouts and the request budget bound them. With CancellationTimeout -1 Npgsql does not wait for the
    /// cancel request's answer. 0 means none.
    /// </summary>
    public int CommandTimeoutSeconds { get; set; } = 2;

    /// <summary>How long start-up keeps retrying the schema migration while PostgreSQL is not reachable yet.</summary>
    public int StartupTimeoutSeconds { get; set; } = 30;
}
