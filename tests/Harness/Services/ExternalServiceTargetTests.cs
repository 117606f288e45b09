using Resilience.Fixtures.Environment;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Fixtures.Observers;
using Resilience.Fixtures.Services;
using Resilience.Tests.Harness.Environment;

namespace Resilience.Tests.Harness.Services;

/// <summary>
/// A user's service already running elsewhere (RESILIENCE_ENV=external), described as for a started one: here the
/// "elsewhere" is a stack this test starts, whose addresses are handed over only through the settings' variables.
/// </summary>
public sealed class ExternalServiceTargetTests : IDisposable
{
    private readonly PrivateHarnessRoot _root = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_running_service_is_reached_through_its_proxies_by_the_dependency_names_and_process_faults_are_skipped()
    {
        await using var running = await PythonService.StartOrSkipAsync(Describe);

        await using var target = await ExternalServiceTarget.ConnectAsync(Describe(new ServiceStackBuilder()), SettingsOf(running), Cancellation);

        target.AppAddress.Should().Be(running.AppAddress);
        target.Dependencies.All.Select(d => (d.Name, d.Kind)).Should().Equal(("db", DependencyKind.Postgres), ("cache", DependencyKind.Redis));
        target.Dependencies.Postgres("db").SupportsProcessControl.Should().BeFalse("the harness owns none of an external system's processes");
        target.RequestBudget.Should().Be(TimeSpan.FromMilliseconds(750));
        var context = new FaultContext(target.Toxiproxy, target.Dependencies, new Random(1));
        await using (await Faults.Down("db").InjectAsync(context, Cancellation))
        {
            (await PythonService.AcceptsAsync(running.Proxies["db"].ListenPort)).Should().BeFalse("the fault went through the running system's Toxiproxy");
        }

        var crash = () => Faults.Crash("db").InjectAsync(context, Cancellation);
        (await crash.Should().ThrowAsync<TargetSkipException>()).Which.Reason.Should().Contain("RESILIENCE_ENV=local");
        await using var breakers = target.CreateBreakerSource(new HttpClient());
        breakers.Should().BeOfType<NoBreakerSource>("Polly's telemetry needs the process, which is not the harness's");
    }

    [Fact]
    public async Task A_toxiproxy_without_a_proxy_for_a_declared_dependency_is_an_error_naming_it()
    {
        await using var running = await PythonService.StartOrSkipAsync(Describe);

        var connecting = () => ExternalServiceTarget.ConnectAsync(
            Describe(new ServiceStackBuilder()).WithHttpDependency("pricing", "App:Pricing", new Uri("http://127.0.0.1:9/")), SettingsOf(running), Cancellation);

        (await connecting.Should().ThrowAsync<EnvironmentConfigurationException>()).WithMessage("*no proxy 'pricing'*it has: *db*cache*");
    }

    private static ServiceStackBuilder Describe(ServiceStackBuilder service) => service
        .WithCommand(PythonService.Serving(PythonService.NewToken()))
        .WithPostgres("db", "App:Db")
        .WithRedis("cache", "App:Cache")
        .WithReadiness("/ready")
        .WithBreakers(BreakerSources.None);

    private ResilienceEnvironmentSettings SettingsOf(ServiceStack running)
    {
        var variables = new Dictionary<string, string>
        {
            ["RESILIENCE_ENV"] = "external",
            ["RESILIENCE_APP_URL"] = running.AppAddress.ToString(),
            ["RESILIENCE_TOXIPROXY_URL"] = running.ToxiproxyServer.ApiAddress.ToString(),
            ["RESILIENCE_POSTGRES"] = running.Environment.Postgres.Endpoint.ConnectionString,
            ["RESILIENCE_REDIS"] = running.Environment.Redis.Endpoint.ConfigurationString,
            ["RESILIENCE_REQUEST_BUDGET_MS"] = "750",
        };
        return ResilienceEnvironmentSettings.FromVariables(name => variables.GetValueOrDefault(name)) with { HarnessRootPath = _root.Directory };
    }
}
