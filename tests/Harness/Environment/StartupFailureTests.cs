using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Environment;

public sealed class StartupFailureTests
{
    [Fact]
    public async Task A_server_that_exits_at_start_fails_with_its_log_tail_and_leaves_nothing_behind()
    {
        using var root = new PrivateHarnessRoot();
        TestEnvironment.RequireLocalServers(root.Settings());

        var starting = () => TestEnvironment.StartIsolatedAsync(_ => root.Builder()
            .WithPostgres(postgres => postgres.WithSetting("shared_buffers", "plenty")));

        (await starting.Should().ThrowAsync<ServerStartException>()).Which.Message.Should()
            .StartWith("postgres exited with code 1 before accepting connections. Log tail of ")
            .And.Contain("invalid value for parameter \"shared_buffers\": \"plenty\"");
        root.Root.EnvironmentDirectories().Should().BeEmpty();
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_fails_with_the_last_attempt_and_its_log_tail()
    {
        using var root = new PrivateHarnessRoot();
        TestEnvironment.RequireLocalServers(root.Settings());

        var starting = () => TestEnvironment.StartIsolatedAsync(_ => root.Builder()
            .WithRedis(redis => redis.WithStartupTimeout(TimeSpan.FromMilliseconds(1))));

        (await starting.Should().ThrowAsync<ServerStartException>()).Which.Message.Should()
            .MatchRegex(@"^redis did not accept connections within 0 s \(last attempt: .+\)\. Log tail of .+redis\.log:\n");
        root.Root.EnvironmentDirectories().Should().BeEmpty();
    }
}
