using Resilience.Fixtures.Environment;
using Xunit.v3;

namespace Resilience.Tests.Harness.Environment;

/// <summary>
/// The fixture as a test class sees it. Registered here as a class fixture; a test assembly shares one with
/// <c>[assembly: AssemblyFixture(typeof(SharedEnvironmentFixture))]</c> and the same constructor parameter.
/// </summary>
public sealed class SharedEnvironmentFixtureTests(SharedEnvironmentFixture fixture) : IClassFixture<SharedEnvironmentFixture>
{
    [Fact]
    public async Task The_shared_environment_serves_postgres_and_redis_owned_by_this_test_host()
    {
        var environment = fixture.Environment;

        (await Sql.ScalarAsync<int>(environment.Postgres.Endpoint, "SELECT 1")).Should().Be(1);
        environment.Processes.Owner.Should().Be(ProcessIdentity.Current);
        environment.Processes.Processes.Select(process => process.Name).Should().Contain("redis");
    }

    [Fact]
    public async Task Without_servers_the_fixture_skips_tests_outside_CI_and_fails_on_CI()
    {
        using var root = new PrivateHarnessRoot();
        var missing = root.Settings() with { PostgresBinDirectory = "/nonexistent/bin" };
        await using var local = new FixtureWithSettings(missing);
        await using var ci = new FixtureWithSettings(missing with { IsContinuousIntegration = true });

        await local.InitializeAsync();
        var initializingOnCi = async () => await ci.InitializeAsync();

        local.Invoking(fixture => fixture.Environment).Should().Throw<Exception>()
            .Which.Message.Should().StartWith(DynamicSkipToken.Value).And.Contain("apt-get install -y postgresql");
        (await initializingOnCi.Should().ThrowAsync<EnvironmentUnavailableException>()).Which.Message.Should().Contain("apt-get install -y postgresql");
    }

    private sealed class FixtureWithSettings(ResilienceEnvironmentSettings settings) : SharedEnvironmentFixture
    {
        protected override ResilienceEnvironmentBuilder Configure(ResilienceEnvironmentBuilder builder) => builder.WithSettings(settings);
    }
}
