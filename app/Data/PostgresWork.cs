using Npgsql;
using Resilience.App.Resilience;

namespace Resilience.App.Data;

/// <summary>
/// Runs one unit of PostgreSQL work on its own pooled connection, handing Npgsql no cancellation token, and lets
/// the caller stop waiting when its token fires. Npgsql honours a token by sending PostgreSQL a cancel request
/// synchronously on the cancelling thread (a timer thread for Polly's timeouts); against a server or proxy that
/// accepts connections but never answers, that blocks the thread until the fault ends, so attempt timeouts and
/// the request budget would not end the wait at all. Abandoned work keeps its connection until the server
/// answers (or the server-side statement_timeout fires), so the pool size bounds it; the breaker stops new work.
/// </summary>
public static class PostgresWork
{
    public static ValueTask<T> RunAsync<TState, T>(
        NpgsqlDataSource dataSource,
        Func<NpgsqlConnection, TState, Task<T>> work,
        TState state,
        CancellationToken stopWaiting) =>
        RunOnConnectionAsync(dataSource, work, state).WaitOrAbandonAsync(stopWaiting);

    private static async Task<T> RunOnConnectionAsync<TState, T>(
        NpgsqlDataSource dataSource, Func<NpgsqlConnection, TState, Task<T>> work, TState state)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        return await work(connection, state);
    }
}
