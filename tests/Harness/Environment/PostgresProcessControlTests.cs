using Npgsql;
using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Environment;

public sealed class PostgresProcessControlTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Data_written_before_a_clean_stop_survives_a_restart_on_the_same_port()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local));
        var postgres = environment.Postgres;
        var port = postgres.Endpoint.Port;
        var states = new List<ServerProcessState>();
        postgres.StateChanged += (_, change) => states.Add(change.Current);
        await Sql.ExecuteAsync(postgres.Endpoint, "CREATE TABLE ledger (id int PRIMARY KEY); INSERT INTO ledger SELECT generate_series(1, 500)");

        await postgres.StopAsync(Cancellation);
        Observed.Listens(port).Should().BeFalse("a stopped server accepts no connections");
        await postgres.RestartAsync(Cancellation);

        postgres.Endpoint.Port.Should().Be(port);
        (await Sql.ScalarAsync<long>(postgres.Endpoint, "SELECT count(*) FROM ledger")).Should().Be(500);
        states.Should().Equal(ServerProcessState.Stopped, ServerProcessState.Running);
    }

    [Fact]
    public async Task After_SIGKILL_a_restart_runs_crash_recovery_and_keeps_committed_data()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder
            .WithProvider(EnvironmentProvider.Local)
            .WithPostgres(postgres => postgres.WithCrashSafeCommits()));
        var postgres = environment.Postgres;
        await Sql.ExecuteAsync(postgres.Endpoint, "CREATE TABLE ledger (id int PRIMARY KEY); INSERT INTO ledger SELECT generate_series(1, 500)");
        var serverProcesses = await Observed.PostgresProcessesAsync(environment);
        await using var heldConnection = new NpgsqlConnection(postgres.Endpoint.ConnectionString);
        await heldConnection.OpenAsync(Cancellation);

        postgres.Kill();

        postgres.State.Should().Be(ServerProcessState.Killed);
        serverProcesses.Where(process => process.IsAlive).Should().BeEmpty("the postmaster and all its processes die at once");
        var queryOnHeldConnection = () => Sql.ScalarAsync<int>(heldConnection, "SELECT 1");
        await queryOnHeldConnection.Should().ThrowAsync<NpgsqlException>();

        await postgres.RestartAsync(Cancellation);

        Observed.PostgresLog(environment).Should().Contain("not properly shut down; automatic recovery in progress");
        (await Sql.ScalarAsync<long>(postgres.Endpoint, "SELECT count(*) FROM ledger")).Should().Be(500);
    }

    [Fact]
    public async Task A_query_times_out_while_paused_and_succeeds_after_resume()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local));
        var postgres = environment.Postgres;
        var quick = postgres.Endpoint.CreateConnectionStringBuilder();
        quick.CommandTimeout = 1;
        quick.CancellationTimeout = -1; // Do not wait on a cancel request that a frozen postmaster cannot answer.
        await using var connection = new NpgsqlConnection(quick.ConnectionString);
        await connection.OpenAsync(Cancellation);
        (await Sql.ScalarAsync<int>(connection, "SELECT 1")).Should().Be(1);

        await postgres.PauseAsync(Cancellation);
        var whilePaused = () => Sql.ScalarAsync<int>(connection, "SELECT 1");
        (await whilePaused.Should().ThrowAsync<NpgsqlException>()).Which.InnerException.Should().BeOfType<TimeoutException>();
        await postgres.ResumeAsync(Cancellation);

        (await Sql.ScalarAsync<int>(postgres.Endpoint, "SELECT 1")).Should().Be(1);
    }
}
