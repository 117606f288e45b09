using Npgsql;
using Resilience.Fixtures.Environment;
using StackExchange.Redis;

namespace Resilience.Tests.Harness.Environment;

public sealed class LocalEnvironmentTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Starts_postgres_and_redis_that_store_and_return_data()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local));

        environment.Provider.Should().Be(EnvironmentProvider.Local);
        await Sql.ExecuteAsync(environment.Postgres.Endpoint, "CREATE TABLE orders (id int PRIMARY KEY, item text NOT NULL); INSERT INTO orders VALUES (1, 'teapot')");
        (await Sql.ScalarAsync<string>(environment.Postgres.Endpoint, "SELECT item FROM orders WHERE id = 1")).Should().Be("teapot");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.Redis.Endpoint.ConfigurationString);
        await redis.GetDatabase().StringSetAsync("order:1", "teapot");
        ((string?)await redis.GetDatabase().StringGetAsync("order:1")).Should().Be("teapot");
    }

    [Fact]
    public async Task Postgres_is_configured_for_speed_with_the_requested_connection_limit()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder
            .WithProvider(EnvironmentProvider.Local)
            .WithPostgres(postgres => postgres.WithMaxConnections(37).WithDatabase("orders").WithUsername("app")));

        var endpoint = environment.Postgres.Endpoint;
        (endpoint.Database, endpoint.Username, endpoint.Host).Should().Be(("orders", "app", "127.0.0.1"));
        (await Sql.ScalarAsync<string>(endpoint, "SHOW max_connections")).Should().Be("37");
        (await Sql.ScalarAsync<string>(endpoint, "SHOW fsync")).Should().Be("off");
        (await Sql.ScalarAsync<string>(endpoint, "SHOW synchronous_commit")).Should().Be("off");
        (await Sql.ScalarAsync<string>(endpoint, "SELECT current_database() || '/' || current_user")).Should().Be("orders/app");
    }

    [Fact]
    public async Task Wrong_passwords_are_rejected_by_postgres_and_redis()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local));

        var wrongPostgres = environment.Postgres.Endpoint.CreateConnectionStringBuilder();
        wrongPostgres.Password = "not-the-password";
        await using var connection = new NpgsqlConnection(wrongPostgres.ConnectionString);
        var postgresLogin = () => connection.OpenAsync(Cancellation);
        (await postgresLogin.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InvalidPassword);

        var wrongRedis = environment.Redis.Endpoint.CreateConfigurationOptions();
        wrongRedis.Password = "not-the-password";
        wrongRedis.AbortOnConnectFail = true;
        var redisLogin = () => ConnectionMultiplexer.ConnectAsync(wrongRedis);
        (await redisLogin.Should().ThrowAsync<RedisConnectionException>()).Which.FailureType.Should().Be(ConnectionFailureType.AuthenticationFailure);

        // The right passwords work, so the rejections above are about the password.
        (await Sql.ScalarAsync<int>(environment.Postgres.Endpoint, "SELECT 1")).Should().Be(1);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(environment.Redis.Endpoint.ConfigurationString);
        (await redis.GetDatabase().PingAsync()).Should().BePositive();
    }

    [Fact]
    public async Task Two_environments_run_side_by_side_on_different_ports_with_separate_data()
    {
        var starting = new[] { 1, 2 }.Select(_ => TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local))).ToList();
        await using var first = await starting[0];
        await using var second = await starting[1];

        new[] { first.Postgres.Endpoint.Port, first.Redis.Endpoint.Port, second.Postgres.Endpoint.Port, second.Redis.Endpoint.Port }
            .Should().OnlyHaveUniqueItems();
        first.Postgres.Endpoint.Password.Should().NotBe(second.Postgres.Endpoint.Password);
        first.Redis.Endpoint.Password.Should().NotBe(second.Redis.Endpoint.Password);

        await Sql.ExecuteAsync(first.Postgres.Endpoint, "CREATE TABLE only_in_first (id int)");
        (await Sql.ScalarAsync<long>(second.Postgres.Endpoint, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'")).Should().Be(0);
        await using var firstRedis = await ConnectionMultiplexer.ConnectAsync(first.Redis.Endpoint.ConfigurationString);
        await using var secondRedis = await ConnectionMultiplexer.ConnectAsync(second.Redis.Endpoint.ConfigurationString);
        await firstRedis.GetDatabase().StringSetAsync("only-in-first", "1");
        (await secondRedis.GetDatabase().KeyExistsAsync("only-in-first")).Should().BeFalse();
    }

    [Fact]
    public async Task Disposing_leaves_no_process_port_directory_or_shared_memory()
    {
        var environment = await TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local));
        var processes = (await Observed.PostgresProcessesAsync(environment)).Concat(Observed.RecordedProcesses(environment)).ToList();
        var ports = new[] { environment.Postgres.Endpoint.Port, environment.Redis.Endpoint.Port };
        var directory = environment.Processes.DirectoryPath;
        var segment = PostgresSharedMemory.RecordedSegment(Path.Combine(directory, "postgres", "data"));
        processes.Should().HaveCountGreaterThan(3, "the postmaster, its background workers and redis run");
        ports.Should().OnlyContain(port => Observed.Listens(port));
        segment.Should().NotBeNull();

        await environment.DisposeAsync();

        processes.Where(process => process.IsAlive).Should().BeEmpty();
        ports.Where(Observed.Listens).Should().BeEmpty();
        Directory.Exists(directory).Should().BeFalse();
        PostgresSharedMemory.Attachments(segment!.Value).Should().BeNull("the segment is removed with the server");
    }

    [Fact]
    public async Task Descriptions_of_endpoints_and_options_never_show_passwords()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local));
        var passwords = new[] { environment.Postgres.Endpoint.Password, environment.Redis.Endpoint.Password! };

        var descriptions = new object[]
        {
            environment, environment.Postgres.Endpoint, environment.Redis.Endpoint, environment.Options,
            environment.Options.Postgres, environment.Options.Redis,
            new ExternalStackSettings { PostgresConnectionString = environment.Postgres.Endpoint.ConnectionString },
        }.Select(description => description.ToString()!).ToList();

        descriptions.Should().AllSatisfy(description => description.Should().NotContainAny(passwords));
        environment.Postgres.Endpoint.ConnectionString.Should().Contain(passwords[0], "the connection string itself must carry the password");
    }
}
