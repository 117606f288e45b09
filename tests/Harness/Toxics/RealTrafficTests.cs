using System.Diagnostics;
using Npgsql;
using Resilience.Fixtures.Environment;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;
using StackExchange.Redis;
using Proxy = Resilience.Toxics.Proxy;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>Npgsql and StackExchange.Redis through the proxy to the environment's real PostgreSQL and Redis.</summary>
public sealed class RealTrafficTests(ToxiproxyFixture toxiproxy, SharedEnvironmentFixture servers)
    : IClassFixture<ToxiproxyFixture>, IClassFixture<SharedEnvironmentFixture>
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Npgsql_through_the_proxy_gets_the_same_rows_and_feels_every_toxic()
    {
        var postgres = servers.Environment.Postgres.Endpoint;
        var proxy = await ProxyToAsync("postgres", postgres.Host, postgres.Port);
        await using var connection = new NpgsqlConnection(ThroughProxy(postgres, proxy));
        await connection.OpenAsync(Cancellation);
        const string BigResult = "SELECT string_agg(md5(i::text), '') FROM generate_series(1, 20000) AS i"; // 640 kB
        var direct = await ScalarAsync<string>(new NpgsqlConnection(Unpooled(postgres.CreateConnectionStringBuilder())), BigResult);

        (await ScalarAsync<string>(connection, BigResult)).Should().Be(direct, "the proxy carries every byte");
        var plain = await MedianQueryMillisecondsAsync(connection);

        await using (await proxy.AddLatencyAsync(Latency, cancellationToken: Cancellation))
        {
            var delayed = await MedianQueryMillisecondsAsync(connection);
            delayed.Should().BeGreaterThanOrEqualTo(Latency.TotalMilliseconds, "an open pooled connection feels the toxic at once");
            (delayed - plain).Should().BeLessThan(2 * Latency.TotalMilliseconds);
        }

        await using (await proxy.AddSlicerAsync(averageSize: 1000, sizeVariation: 200, delay: TimeSpan.FromMicroseconds(20), cancellationToken: Cancellation))
        await using (await proxy.AddTcpLossAsync(0.2, retransmissionTimeout: TimeSpan.FromMilliseconds(5), stream: ToxicStream.Upstream, cancellationToken: Cancellation))
        {
            (await ScalarAsync<string>(connection, BigResult)).Should().Be(direct, "sliced and delayed data is still the same data");
        }

        await proxy.DeleteAsync(Cancellation);
    }

    [Fact]
    public async Task Npgsql_cannot_connect_while_the_proxy_is_down_and_recovers_when_it_is_up()
    {
        var postgres = servers.Environment.Postgres.Endpoint;
        var proxy = await ProxyToAsync("postgres_down", postgres.Host, postgres.Port);
        var connectionString = Unpooled(new NpgsqlConnectionStringBuilder(ThroughProxy(postgres, proxy)));

        await proxy.DisableAsync(Cancellation);
        var open = async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Cancellation);
        };
        await open.Should().ThrowAsync<NpgsqlException>();

        await proxy.EnableAsync(Cancellation);
        (await ScalarAsync<int>(new NpgsqlConnection(connectionString), "SELECT 42")).Should().Be(42);
        await proxy.DeleteAsync(Cancellation);
    }

    [Fact]
    public async Task StackExchange_Redis_through_the_proxy_feels_latency_and_reset_peer()
    {
        var redisEndpoint = servers.Environment.Redis.Endpoint;
        var proxy = await ProxyToAsync("redis", redisEndpoint.Host, redisEndpoint.Port);
        var options = redisEndpoint.CreateConfigurationOptions();
        options.EndPoints.Clear();
        options.EndPoints.Add(proxy.ListenHost, proxy.ListenPort);
        options.AbortOnConnectFail = true;
        options.SyncTimeout = options.AsyncTimeout = 2000;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var database = redis.GetDatabase();
        var key = $"toxics:{Guid.NewGuid():N}";
        var value = new string('v', 100_000);

        await database.StringSetAsync(key, value);
        (await database.StringGetAsync(key)).ToString().Should().Be(value);
        var plain = await MedianMillisecondsAsync(() => database.PingAsync());

        await using (await proxy.AddLatencyAsync(Latency, cancellationToken: Cancellation))
        {
            var delayed = await MedianMillisecondsAsync(() => database.PingAsync());
            delayed.Should().BeGreaterThanOrEqualTo(Latency.TotalMilliseconds, "the multiplexer's one connection feels the toxic at once");
            (delayed - plain).Should().BeLessThan(2 * Latency.TotalMilliseconds);
        }

        await using (await proxy.AddResetPeerAsync(cancellationToken: Cancellation))
        {
            var get = () => database.StringGetAsync(key);
            await get.Should().ThrowAsync<RedisException>("the proxy resets the connection under the command");
        }

        (await Eventually(() => database.StringGetAsync(key))).ToString().Should().Be(value, "the multiplexer reconnects once the toxic is gone");
        await database.KeyDeleteAsync(key);
        await proxy.DeleteAsync(Cancellation);
    }

    private async Task<Proxy> ProxyToAsync(string purpose, string host, int port) =>
        await toxiproxy.Client.CreateProxyAsync($"{purpose}_{Guid.NewGuid():N}", "127.0.0.1:0", $"{host}:{port}", cancellationToken: Cancellation);

    private static string ThroughProxy(PostgresEndpoint postgres, Proxy proxy)
    {
        var builder = postgres.CreateConnectionStringBuilder();
        builder.Host = proxy.ListenHost;
        builder.Port = proxy.ListenPort;
        builder.ApplicationName = "toxics-real-traffic";
        return builder.ConnectionString;
    }

    private static string Unpooled(NpgsqlConnectionStringBuilder builder)
    {
        builder.Pooling = false;
        return builder.ConnectionString;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await using (connection)
            {
                await connection.OpenAsync(Cancellation);
                return await ScalarAsync<T>(connection, sql);
            }
        }

        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private static Task<double> MedianQueryMillisecondsAsync(NpgsqlConnection connection) =>
        MedianMillisecondsAsync(() => ScalarAsync<int>(connection, "SELECT 1"));

    private static async Task<double> MedianMillisecondsAsync(Func<Task> operation)
    {
        await operation();
        var samples = new List<double>();
        for (var index = 0; index < 9; index++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return TcpClientProbe.Median(samples);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> operation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (RedisException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }
}
