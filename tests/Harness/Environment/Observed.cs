using System.Net.Sockets;
using Npgsql;
using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Environment;

/// <summary>What the operating system says about an environment's servers: their processes and ports.</summary>
internal static class Observed
{
    /// <summary>The postmaster (from the registry) and every process PostgreSQL reports (backends and background workers).</summary>
    public static async Task<IReadOnlyList<ProcessIdentity>> PostgresProcessesAsync(ResilienceEnvironment environment)
    {
        var pids = new List<int> { Recorded(environment, "postgres").Pid };
        await using var connection = new NpgsqlConnection(environment.Postgres.Endpoint.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            pids.Add(reader.GetInt32(0));
        }

        return Identities(pids);
    }

    public static IReadOnlyList<ProcessIdentity> RecordedProcesses(ResilienceEnvironment environment) =>
        Identities(environment.Processes.Processes.Select(process => process.Pid));

    public static OwnedProcess Recorded(ResilienceEnvironment environment, string name) =>
        environment.Processes.Processes.Single(process => process.Name == name);

    public static IReadOnlyList<ProcessIdentity> Identities(IEnumerable<int> pids) =>
        pids.Select(ProcessIdentity.Of).OfType<ProcessIdentity>().ToList();

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool Listens(int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
            return false;
        }
    }

    public static string PostgresLog(ResilienceEnvironment environment) =>
        File.ReadAllText(Path.Combine(environment.Processes.DirectoryPath, "postgres", "postgres.log"));
}
