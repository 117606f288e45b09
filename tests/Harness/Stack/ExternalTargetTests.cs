using System.Net;
using Resilience.Fixtures.Environment;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Reference.Suites;
using Resilience.Tests.Harness.Environment;
using Xunit.v3;

namespace Resilience.Tests.Harness.Stack;

/// <summary>
/// The suites' External provider end to end: a chaos target built from the variables of the env file
/// <c>resilience-stack up</c> wrote (given through the settings API, not the process environment).
/// </summary>
[Collection(nameof(RunningStackCollection))]
public sealed class ExternalTargetTests(RunningStackCli stack) : IDisposable
{
    private readonly PrivateHarnessRoot _root = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_target_from_the_env_file_reaches_the_app_the_three_proxies_and_the_servers()
    {
        await using var target = await ExternalTarget.ConnectAsync(SettingsFrom(stack.Variables), Cancellation);

        target.AppAddress.Should().Be(stack.AppUrl);
        using var app = new HttpClient { BaseAddress = target.AppAddress, Timeout = TimeSpan.FromSeconds(10) };
        (await app.GetAsync("health/ready", Cancellation)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await target.Toxiproxy.GetProxiesAsync(Cancellation)).Keys.Should().BeEquivalentTo("postgres", "redis", "pricing");
        (await Sql.ScalarAsync<int>(target.Postgres.Endpoint, "SELECT 1")).Should().Be(1, "the ledger and slot faults reach PostgreSQL directly");
        target.RequestBudget.Should().Be(TimeSpan.FromSeconds(1), "the env file carries the app's request budget");
    }

    [Fact]
    public async Task Disposing_the_target_leaves_the_stack_running()
    {
        var target = await ExternalTarget.ConnectAsync(SettingsFrom(stack.Variables), Cancellation);

        await target.DisposeAsync();

        using var app = new HttpClient { BaseAddress = stack.AppUrl, Timeout = TimeSpan.FromSeconds(10) };
        (await app.GetAsync("health/ready", Cancellation)).StatusCode.Should().Be(HttpStatusCode.OK);
        _root.Root.EnvironmentDirectories().Should().BeEmpty("the target's own record of the environment is removed");
    }

    [Fact]
    public async Task A_process_fault_on_an_external_target_is_a_skip_that_says_how_to_run_it()
    {
        await using var target = await ExternalTarget.ConnectAsync(SettingsFrom(stack.Variables), Cancellation);
        var context = new FaultContext(target.Toxiproxy, target.Dependencies, new Random(1));

        var crash = () => Faults.Crash("postgres").InjectAsync(context, Cancellation);

        var skip = (await crash.Should().ThrowAsync<TargetSkipException>()).Which;
        skip.Message.Should().StartWith(DynamicSkipToken.Value, "xUnit reports the test as skipped, not failed");
        skip.Reason.Should().Contain("RESILIENCE_ENV=local");
        target.Postgres.State.Should().Be(ServerProcessState.Running, "nothing was done to the server");
    }

    [Theory]
    [InlineData("RESILIENCE_APP_URL")]
    [InlineData("RESILIENCE_TOXIPROXY_URL")]
    public async Task A_missing_address_is_a_configuration_error_naming_the_variable(string missing)
    {
        var variables = new Dictionary<string, string>
        {
            ["RESILIENCE_ENV"] = "external",
            ["RESILIENCE_APP_URL"] = "http://127.0.0.1:1",
            ["RESILIENCE_TOXIPROXY_URL"] = "http://127.0.0.1:1",
            ["RESILIENCE_POSTGRES"] = "Host=127.0.0.1;Port=1;Username=app;Password=not-used",
            ["RESILIENCE_REDIS"] = "127.0.0.1:1",
        };
        variables.Remove(missing);

        var connecting = () => ExternalTarget.ConnectAsync(SettingsFrom(variables), Cancellation);

        (await connecting.Should().ThrowAsync<EnvironmentConfigurationException>()).WithMessage($"RESILIENCE_ENV=external needs {missing} (*");
        _root.Root.EnvironmentDirectories().Should().BeEmpty("nothing is started before the settings are complete");
    }

    [Theory]
    [InlineData("250", 250)]
    [InlineData(null, 1000)]
    public void The_request_budget_comes_from_RESILIENCE_REQUEST_BUDGET_MS(string? value, int expectedMs) =>
        ResilienceEnvironmentSettings.FromVariables(name => name == "RESILIENCE_REQUEST_BUDGET_MS" ? value : null)
            .External.RequestBudget.Should().Be(TimeSpan.FromMilliseconds(expectedMs));

    [Theory]
    [InlineData("RESILIENCE_REQUEST_BUDGET_MS", "0")]
    [InlineData("RESILIENCE_REQUEST_BUDGET_MS", "1s")]
    [InlineData("RESILIENCE_APP_URL", "127.0.0.1:8080")]
    [InlineData("RESILIENCE_TOXIPROXY_URL", "ftp://127.0.0.1:8474")]
    public void A_malformed_value_is_a_configuration_error_naming_the_variable(string variable, string value)
    {
        var reading = () => ResilienceEnvironmentSettings.FromVariables(name => name == variable ? value : null);

        reading.Should().Throw<EnvironmentConfigurationException>().WithMessage($"{variable}*");
    }

    private ResilienceEnvironmentSettings SettingsFrom(IReadOnlyDictionary<string, string> variables) =>
        ResilienceEnvironmentSettings.FromVariables(name => variables.GetValueOrDefault(name)) with { HarnessRootPath = _root.Directory };
}
