using Resilience.Fixtures.Environment;
using Xunit.v3;

namespace Resilience.Tests.Harness.Environment;

public sealed class ProviderSelectionTests
{
    private const string NoDockerEngine = "unix:///nonexistent/docker.sock";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("RESILIENCE_ENV", "docker", "auto|local|containers|external")]
    [InlineData("RESILIENCE_ENV", "1", "auto|local|containers|external")]
    [InlineData("RESILIENCE_CONTAINERS_FALLBACK", "ignore", "local|skip")]
    public void An_invalid_choice_is_rejected_with_the_valid_ones(string variable, string value, string choices)
    {
        var reading = () => ResilienceEnvironmentSettings.FromVariables(name => name == variable ? value : null);

        reading.Should().Throw<EnvironmentConfigurationException>()
            .WithMessage($"{variable}='{value}' is not valid. Choose one of: {choices}.");
    }

    [Theory]
    [InlineData("local", EnvironmentProvider.Local)]
    [InlineData("Containers", EnvironmentProvider.Containers)]
    [InlineData(null, EnvironmentProvider.Auto)]
    public void The_provider_is_read_from_RESILIENCE_ENV(string? value, EnvironmentProvider expected) =>
        ResilienceEnvironmentSettings.FromVariables(name => name == "RESILIENCE_ENV" ? value : null).Provider.Should().Be(expected);

    [Fact]
    public async Task The_external_provider_without_RESILIENCE_POSTGRES_names_what_is_missing()
    {
        using var root = new PrivateHarnessRoot();
        var settings = root.Settings(EnvironmentProvider.External) with
        {
            External = new ExternalStackSettings { RedisConfiguration = "127.0.0.1:6379,password=x" },
        };

        var starting = () => ResilienceEnvironment.StartNewAsync(builder => builder.WithSettings(settings), Cancellation);

        (await starting.Should().ThrowAsync<EnvironmentConfigurationException>())
            .WithMessage("RESILIENCE_ENV=external needs RESILIENCE_POSTGRES (an Npgsql connection string, e.g. Host=*");
        root.Root.EnvironmentDirectories().Should().BeEmpty("a failed start leaves nothing behind");
    }

    [Fact]
    public async Task The_external_provider_serves_a_running_stack_and_refuses_process_faults()
    {
        await using var stack = await TestEnvironment.StartIsolatedAsync(builder => builder.WithProvider(EnvironmentProvider.Local));
        var settings = ResilienceEnvironmentSettings.FromVariables(name => name switch
        {
            "RESILIENCE_ENV" => "external",
            "RESILIENCE_POSTGRES" => stack.Postgres.Endpoint.ConnectionString,
            "RESILIENCE_REDIS" => stack.Redis.Endpoint.ConfigurationString,
            _ => null,
        }) with { HarnessRootPath = ResilienceEnvironmentSettings.FromEnvironmentVariables().HarnessRootPath };

        await using (var external = await TestEnvironment.StartIsolatedAsync(builder => builder.WithSettings(settings)))
        {
            external.Provider.Should().Be(EnvironmentProvider.External);
            (external.Postgres.Endpoint.Port, external.Redis.Endpoint.Port).Should().Be((stack.Postgres.Endpoint.Port, stack.Redis.Endpoint.Port));
            (await Sql.ScalarAsync<int>(external.Postgres.Endpoint, "SELECT 1")).Should().Be(1);
            external.Postgres.SupportsProcessControl.Should().BeFalse();
            external.Invoking(environment => environment.Postgres.Kill()).Should().Throw<NotSupportedException>().WithMessage("Cannot kill postgres: it is external*");
            await external.Awaiting(environment => environment.Redis.PauseAsync(Cancellation)).Should().ThrowAsync<NotSupportedException>().WithMessage("Cannot pause redis: it is external*");
        }

        (await Sql.ScalarAsync<int>(stack.Postgres.Endpoint, "SELECT 1")).Should().Be(1, "disposing an external environment leaves the stack running");
        stack.Postgres.State.Should().Be(ServerProcessState.Running);
    }

    [Fact]
    public async Task Containers_without_a_docker_engine_fall_back_to_local_processes()
    {
        using var root = new PrivateHarnessRoot();
        var settings = root.Settings(EnvironmentProvider.Containers) with { DockerEndpoint = NoDockerEngine, ContainersFallback = ContainersFallback.Local };

        await using var environment = await TestEnvironment.StartIsolatedAsync(_ => root.Builder().WithSettings(settings));

        environment.Provider.Should().Be(EnvironmentProvider.Local);
        (await Sql.ScalarAsync<int>(environment.Postgres.Endpoint, "SELECT 1")).Should().Be(1);
    }

    [Fact]
    public async Task Containers_without_a_docker_engine_are_a_skip_when_asked_and_a_failure_on_CI()
    {
        using var root = new PrivateHarnessRoot();
        var settings = root.Settings(EnvironmentProvider.Containers) with { DockerEndpoint = NoDockerEngine, ContainersFallback = ContainersFallback.Skip };

        var locally = () => TestEnvironment.StartIsolatedAsync(_ => root.Builder().WithSettings(settings));
        var onCi = () => TestEnvironment.StartIsolatedAsync(_ => root.Builder().WithSettings(settings with { IsContinuousIntegration = true }));

        (await locally.Should().ThrowAsync<Exception>()).Which.Message.Should()
            .StartWith(DynamicSkipToken.Value, "xUnit reports a test that throws this as skipped").And.Contain("RESILIENCE_CONTAINERS_FALLBACK=local");
        (await onCi.Should().ThrowAsync<EnvironmentUnavailableException>()).Which.Message.Should()
            .StartWith("RESILIENCE_ENV=containers needs a Docker engine and none answers").And.NotContain(DynamicSkipToken.Value);
        root.Root.EnvironmentDirectories().Should().BeEmpty();
    }

    [Fact]
    public async Task Testcontainers_own_DockerUnavailableException_leads_to_the_fallback()
    {
        Assert.SkipWhen(await DockerAnswersAsync(), "A Docker engine answers here, so Testcontainers would start real containers.");
        using var root = new PrivateHarnessRoot();
        var settings = root.Settings(EnvironmentProvider.Containers) with { ContainersFallback = ContainersFallback.Local };

        await using var environment = await TestEnvironment.StartIsolatedAsync(_ => root.Builder().WithSettings(settings));

        environment.Provider.Should().Be(EnvironmentProvider.Local);
    }

    [Fact]
    public async Task Auto_uses_local_processes_when_no_docker_engine_answers()
    {
        using var root = new PrivateHarnessRoot();
        var settings = root.Settings(EnvironmentProvider.Auto) with { DockerEndpoint = NoDockerEngine };

        await using var environment = await TestEnvironment.StartIsolatedAsync(_ => root.Builder().WithSettings(settings));

        environment.Provider.Should().Be(EnvironmentProvider.Local);
    }

    [Fact]
    public async Task Missing_server_binaries_skip_with_the_install_command_and_fail_on_CI()
    {
        using var root = new PrivateHarnessRoot();
        var settings = root.Settings() with { PostgresBinDirectory = "/nonexistent/bin", RedisServerPath = "/nonexistent/redis-server" };

        var locally = () => TestEnvironment.StartIsolatedAsync(_ => root.Builder().WithSettings(settings));
        var onCi = () => TestEnvironment.StartIsolatedAsync(_ => root.Builder().WithSettings(settings with { IsContinuousIntegration = true }));

        (await locally.Should().ThrowAsync<Exception>()).Which.Message.Should()
            .StartWith(DynamicSkipToken.Value).And.Contain("apt-get install -y postgresql redis-server");
        (await onCi.Should().ThrowAsync<EnvironmentUnavailableException>()).Which.Remedy.Should()
            .EndWith("apt-get install -y postgresql redis-server");
    }

    private static Task<bool> DockerAnswersAsync() => DockerEngineProbe.AnswersAsync(null, TimeSpan.FromSeconds(1));
}
