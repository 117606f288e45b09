using System.Net;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Observers;
using Resilience.Fixtures.Services;

namespace Resilience.Tests.Harness.Services;

/// <summary>The service builder validates at the right moment, never changes in place, and picks the breaker source by the service's runtime.</summary>
public sealed class ServiceStackBuilderTests
{
    private static readonly ServiceCommand Python = ServiceCommand.Executable("python3", "server.py", "{port}");

    // The assembly need not exist: it is only looked for when the stack starts.
    private static readonly ServiceCommand Dotnet = ServiceCommand.DotnetAssembly("Inventory.dll");

    // The sources made here are never started, so the client never sends.
    private static readonly HttpClient UnusedClient = new();

    private static ServiceStackBuilder Service => new ServiceStackBuilder().WithCommand(Python);

    [Fact]
    public void Build_without_a_command_fails_naming_WithCommand()
    {
        var build = () => new ServiceStackBuilder().WithPostgres("db", "App:Db").WithReadiness("/ready").Build();

        build.Should().Throw<InvalidOperationException>().WithMessage("*WithCommand*");
    }

    [Fact]
    public void A_setting_under_a_dependencys_key_is_refused_because_the_harness_writes_that_key()
    {
        var build = () => Service.WithPostgres("db", "App:Db").WithSetting("App__Db", "Host=elsewhere").Build();

        build.Should().Throw<InvalidOperationException>().WithMessage("*'db'*App:Db*");
    }

    [Fact]
    public void Two_dependencies_with_one_name_are_refused_when_the_second_is_declared()
    {
        var declare = () => Service.WithPostgres("store", "App:Db").WithRedis("store", "App:Cache");

        declare.Should().Throw<ArgumentException>().WithMessage("*'store'*unique*");
    }

    [Fact]
    public void Two_dependencies_with_one_config_key_are_refused_whatever_its_case()
    {
        var declare = () => Service.WithPostgres("db", "App:Store").WithRedis("cache", "app:store");

        declare.Should().Throw<ArgumentException>().WithMessage("*'app:store'*already given*");
    }

    [Fact]
    public void Two_dependencies_whose_keys_differ_only_in_the_separator_are_one_key_and_refused()
    {
        // Both become the environment variable App__Db: the second would silently replace the first's address.
        var declare = () => Service.WithPostgres("db", "App:Db").WithHttpDependency("pricing", "App__Db", new Uri("http://127.0.0.1:9001/"));

        declare.Should().Throw<ArgumentException>().WithMessage("*already given*");
    }

    [Fact]
    public void Two_postgres_dependencies_are_declared_but_refused_by_Build_naming_both()
    {
        var builder = Service.WithPostgres("orders-db", "App:Orders").WithPostgres("audit-db", "App:Audit");

        var build = () => builder.Build();

        build.Should().Throw<InvalidOperationException>().WithMessage("*one Postgres server per stack*'orders-db' and 'audit-db'*");
    }

    [Fact]
    public void Two_redis_dependencies_are_refused_by_Build()
    {
        var build = () => Service.WithRedis("cache", "App:Cache").WithRedis("sessions", "App:Sessions").Build();

        build.Should().Throw<InvalidOperationException>().WithMessage("*one Redis server per stack*'cache' and 'sessions'*");
    }

    [Fact]
    public void Several_http_dependencies_beside_one_postgres_and_one_redis_build()
    {
        var options = Service
            .WithPostgres("db", "App:Db")
            .WithRedis("cache", "App:Cache")
            .WithHttpDependency("pricing", "App:Pricing", new Uri("http://127.0.0.1:9001/"))
            .WithHttpDependency("payments", "App:Payments", new Uri("http://127.0.0.1:9002/"))
            .Build();

        options.Dependencies.Select(d => (d.Name, d.Kind)).Should().Equal(
            ("db", DependencyKind.Postgres), ("cache", DependencyKind.Redis), ("pricing", DependencyKind.Http), ("payments", DependencyKind.Http));
    }

    [Theory]
    [InlineData("App:Mode=x")]
    [InlineData("=App")]
    [InlineData("App\0Mode")]
    public void A_setting_key_that_cannot_be_an_environment_variable_is_refused(string key)
    {
        var set = () => Service.WithSetting(key, "x");

        set.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("key");
    }

    [Fact]
    public void A_setting_value_with_a_nul_character_is_refused()
    {
        var set = () => Service.WithSetting("App:Mode", "x\0y");

        set.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Settings_keyed_with_double_underscores_or_colons_are_one_setting_and_the_last_wins()
    {
        var options = Service.WithSetting("App__Mode", "first").WithSetting("app:mode", "second").Build();

        options.Settings.Should().ContainSingle().Which.Value.Should().Be("second");
        options.Settings["App:Mode"].Should().Be("second");
    }

    [Fact]
    public void Every_With_returns_a_new_builder_and_leaves_the_old_one_unchanged()
    {
        var original = Service;

        var changed = original.WithPostgres("db", "App:Db").WithSetting("App:Mode", "x").WithReadiness("/ready", HttpStatusCode.NoContent)
            .WithRequestBudget(TimeSpan.FromSeconds(3)).WithStartupTimeout(TimeSpan.FromSeconds(4)).WithProxySeed(7);

        changed.Should().NotBeSameAs(original);
        var before = original.Build();
        before.Dependencies.Should().BeEmpty();
        before.Settings.Should().BeEmpty();
        before.Readiness.Should().Be(new ServiceReadiness("/health"));
        before.RequestBudget.Should().Be(TimeSpan.FromSeconds(1));
        before.StartupTimeout.Should().Be(TimeSpan.FromSeconds(30));
        before.ProxySeed.Should().BeNull();
        var after = changed.Build();
        after.Dependencies.Should().ContainSingle().Which.Name.Should().Be("db");
        after.Settings.Should().ContainKey("App:Mode");
        after.Readiness.Should().Be(new ServiceReadiness("/ready", HttpStatusCode.NoContent));
        after.RequestBudget.Should().Be(TimeSpan.FromSeconds(3));
        after.StartupTimeout.Should().Be(TimeSpan.FromSeconds(4));
        after.ProxySeed.Should().Be(7);
    }

    [Fact]
    public void A_refused_declaration_leaves_the_builder_it_was_made_on_usable()
    {
        var withDb = Service.WithPostgres("db", "App:Db");

        var duplicate = () => withDb.WithRedis("db", "App:Cache");

        duplicate.Should().Throw<ArgumentException>();
        withDb.WithRedis("cache", "App:Cache").Build().Dependencies.Select(d => d.Name).Should().Equal("db", "cache");
    }

    [Fact]
    public void Dependencies_default_to_their_client_librarys_connection_string_and_http_ones_to_a_url()
    {
        var options = Service.WithPostgres("db", "Inventory:Database").WithRedis("cache", "Inventory:Cache")
            .WithHttpDependency("pricing", "Inventory:Pricing", new Uri("http://127.0.0.1:9001/")).Build();

        options.Dependencies.Select(d => d.Format).Should().Equal(ConnectionFormat.ConnectionString, ConnectionFormat.ConnectionString, ConnectionFormat.Url);
        options.Dependencies[0].EnvironmentVariable.Should().Be("Inventory__Database");
        options.Dependencies[2].Upstream.Should().Be(new Uri("http://127.0.0.1:9001/"));
    }

    [Fact]
    public void Budgets_and_timeouts_must_be_positive()
    {
        var zeroBudget = () => Service.WithRequestBudget(TimeSpan.Zero);
        var negativeStartup = () => Service.WithStartupTimeout(TimeSpan.FromSeconds(-1));

        zeroBudget.Should().Throw<ArgumentOutOfRangeException>();
        negativeStartup.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_readiness_path_must_start_with_a_slash()
    {
        var declare = () => Service.WithReadiness("ready");

        declare.Should().Throw<ArgumentException>().WithMessage("*'ready'*must start with '/'*");
    }

    [Fact]
    public async Task A_dotnet_service_without_WithBreakers_is_observed_through_pollys_telemetry()
    {
        var options = new ServiceStackBuilder().WithCommand(Dotnet).Build();

        await using var source = Create(options);

        options.Breakers.Should().BeNull();
        source.Should().BeOfType<PollyTelemetryBreakerSource>();
        source.Description.Should().StartWith("Polly telemetry over EventPipe");
    }

    [Fact]
    public async Task A_service_in_another_language_without_WithBreakers_has_no_breaker_source()
    {
        var options = Service.Build();

        await using var source = Create(options);

        source.Should().BeSameAs(NoBreakerSource.Instance);
        source.Description.Should().Be("no breaker source");
    }

    [Fact]
    public async Task An_explicit_breaker_source_wins_over_the_runtimes_default()
    {
        await using var none = Create(new ServiceStackBuilder().WithCommand(Dotnet).WithBreakers(BreakerSources.None).Build());
        await using var json = Create(Service.WithBreakers(BreakerSources.JsonEndpoint("/breakers")).Build());

        none.Should().BeSameAs(NoBreakerSource.Instance);
        json.Should().BeOfType<JsonEndpointBreakerSource>().Which.Description.Should().Contain("GET /breakers");
    }

    [Fact]
    public void The_breaker_factory_is_handed_the_services_client_and_process_id()
    {
        BreakerSourceContext? seen = null;
        var options = Service.WithBreakers(context =>
        {
            seen = context;
            return NoBreakerSource.Instance;
        }).Build();
        using var client = new HttpClient();

        options.EffectiveBreakers(new BreakerSourceContext(client, () => 4242));

        seen.Should().NotBeNull();
        seen!.Client.Should().BeSameAs(client);
        seen.ProcessId().Should().Be(4242);
    }

    [Fact]
    public void Commands_know_whether_they_are_dotnet()
    {
        Dotnet.IsDotnet.Should().BeTrue();
        Python.IsDotnet.Should().BeFalse();
        Python.ToString().Should().Be("python3");
    }

    private static IBreakerSource Create(ServiceStackOptions options) =>
        options.EffectiveBreakers(new BreakerSourceContext(UnusedClient, () => null));
}
