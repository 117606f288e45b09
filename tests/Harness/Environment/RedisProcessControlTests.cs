using Resilience.Fixtures.Environment;
using StackExchange.Redis;

namespace Resilience.Tests.Harness.Environment;

public sealed class RedisProcessControlTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_command_times_out_while_paused_and_succeeds_after_resume()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local));
        var options = environment.Redis.Endpoint.CreateConfigurationOptions();
        options.AsyncTimeout = options.SyncTimeout = 500;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        await redis.GetDatabase().StringSetAsync("key", "value");

        await environment.Redis.PauseAsync(Cancellation);
        var whilePaused = () => redis.GetDatabase().StringGetAsync("key");
        await whilePaused.Should().ThrowAsync<RedisTimeoutException>();
        await environment.Redis.ResumeAsync(Cancellation);

        ((string?)await redis.GetDatabase().StringGetAsync("key")).Should().Be("value");
    }

    [Fact]
    public async Task Without_persistence_a_killed_and_restarted_redis_comes_back_empty_on_the_same_port()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local));
        var redisServer = environment.Redis;
        var port = redisServer.Endpoint.Port;
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.Endpoint.ConfigurationString))
        {
            await redis.GetDatabase().StringSetAsync("cached", "value");
        }

        var process = ProcessIdentity.Of(Observed.Recorded(environment, "redis").Pid)!;
        redisServer.Kill();
        process.IsAlive.Should().BeFalse();
        Observed.Listens(port).Should().BeFalse();
        await redisServer.RestartAsync(Cancellation);

        redisServer.Endpoint.Port.Should().Be(port);
        await using var afterRestart = await ConnectionMultiplexer.ConnectAsync(redisServer.Endpoint.ConfigurationString);
        (await afterRestart.GetDatabase().KeyExistsAsync("cached")).Should().BeFalse();
    }

    [Fact]
    public async Task With_append_only_data_written_before_a_clean_stop_survives_a_restart()
    {
        await using var environment = await TestEnvironment.StartIsolatedAsync(builder => builder
            .WithProvider(EnvironmentProvider.Local)
            .WithRedis(redis => redis.WithAppendOnly()));
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(environment.Redis.Endpoint.ConfigurationString))
        {
            await redis.GetDatabase().StringSetAsync("durable", "value");
        }

        await environment.Redis.StopAsync(Cancellation);
        await environment.Redis.RestartAsync(Cancellation);

        await using var afterRestart = await ConnectionMultiplexer.ConnectAsync(environment.Redis.Endpoint.ConfigurationString);
        ((string?)await afterRestart.GetDatabase().StringGetAsync("durable")).Should().Be("value");
    }
}
