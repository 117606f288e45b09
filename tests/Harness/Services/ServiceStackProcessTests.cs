using System.Diagnostics;
using Npgsql;
using Resilience.Fixtures.Environment;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Fixtures.Observers;
using Resilience.Fixtures.Services;

namespace Resilience.Tests.Harness.Services;

/// <summary>One stack around a Python service, shared by the tests that only read it (or undo what they change).</summary>
public sealed class PythonServiceStack : IAsyncLifetime
{
    private ServiceStack? _stack;
    private EnvironmentUnavailableException? _unavailable;

    public ServiceStack Stack
    {
        get
        {
            if (_stack is null && _unavailable is not null)
            {
                Assert.Skip(_unavailable.Message);
            }

            return _stack ?? throw new InvalidOperationException("The Python service's stack did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            _stack = await ServiceStack.StartNewAsync(Configure, TestContext.Current.CancellationToken);
        }
        catch (EnvironmentUnavailableException e) when (System.Environment.GetEnvironmentVariable(EnvironmentVariableNames.ContinuousIntegration) != "true")
        {
            _unavailable = e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    public static ServiceStackBuilder Configure(ServiceStackBuilder service) => Configure(service, PythonService.NewToken());

    public static ServiceStackBuilder Configure(ServiceStackBuilder service, string token) => service
        .WithCommand(PythonService.Serving(token))
        .WithPostgres("db", "App:Db")
        .WithRedis("cache", "App:Cache", ConnectionFormat.HostPort)
        .WithSetting("App:Mode", "x")
        .WithReadiness("/ready")
        .WithBreakers(BreakerSources.None);
}

/// <summary>A service in another language gets its dependencies' proxied addresses in its own configuration keys, and leaves nothing behind.</summary>
public sealed class ServiceStackProcessTests(PythonServiceStack fixture) : IClassFixture<PythonServiceStack>
{
    private ServiceStack Stack => fixture.Stack;

    [Fact]
    public async Task The_database_key_holds_an_npgsql_connection_string_to_its_proxy_not_to_the_server()
    {
        var value = await EnvAsync(Stack, "App__Db");

        var written = new NpgsqlConnectionStringBuilder(value);
        var server = Stack.Environment.Postgres.Endpoint;
        written.Host.Should().Be("127.0.0.1");
        written.Port.Should().Be(Stack.Proxies["db"].ListenPort).And.NotBe(server.Port);
        (written.Database, written.Username, written.Password).Should().Be((server.Database, server.Username, server.Password));
    }

    [Fact]
    public async Task The_cache_key_holds_the_redis_proxys_host_and_port()
    {
        var value = await EnvAsync(Stack, "App__Cache");

        value.Should().Be($"127.0.0.1:{Stack.Proxies["cache"].ListenPort}");
        Stack.Proxies["cache"].ListenPort.Should().NotBe(Stack.Environment.Redis.Endpoint.Port);
    }

    [Fact]
    public async Task A_setting_reaches_the_service_under_its_double_underscore_name()
    {
        (await EnvAsync(Stack, "App__Mode")).Should().Be("x");
    }

    [Fact]
    public void The_dependencies_keep_their_names_kinds_and_servers_and_the_stack_has_no_breaker_source()
    {
        Stack.Dependencies["db"].Kind.Should().Be(DependencyKind.Postgres);
        Stack.Dependencies["cache"].Kind.Should().Be(DependencyKind.Redis);
        Stack.Dependencies.Postgres("db").Should().BeSameAs(Stack.Environment.Postgres);
        Stack.Proxies.Keys.Should().BeEquivalentTo(["db", "cache"]);
        using var client = Stack.Service.CreateClient();
        Stack.CreateBreakerSource(client).Should().BeSameAs(NoBreakerSource.Instance);
    }

    [Fact]
    public async Task Disabling_the_database_proxy_refuses_connections_to_its_port_until_it_is_enabled()
    {
        var proxy = Stack.Proxies["db"];
        (await PythonService.AcceptsAsync(proxy.ListenPort)).Should().BeTrue("the proxy listens before the fault");
        try
        {
            await proxy.DisableAsync(TestContext.Current.CancellationToken);

            await Until(() => PythonService.AcceptsAsync(proxy.ListenPort), accepts => !accepts, "refusing connections on the disabled proxy");
        }
        finally
        {
            await Stack.ResetFaultsAsync(TestContext.Current.CancellationToken);
        }

        await Until(() => PythonService.AcceptsAsync(proxy.ListenPort), accepts => accepts, "accepting again once the faults are reset");
    }

    [Fact]
    public async Task The_down_fault_names_the_dependency_and_its_removal_brings_the_proxy_back()
    {
        var port = Stack.Proxies["db"].ListenPort;
        var cachePort = Stack.Proxies["cache"].ListenPort;
        var context = new FaultContext(Stack.Toxiproxy, Stack.Dependencies, new Random(1));

        var removal = await Faults.Down("db").InjectAsync(context, TestContext.Current.CancellationToken);
        try
        {
            await Until(() => PythonService.AcceptsAsync(port), accepts => !accepts, "refusing connections once 'db' is down");
            (await PythonService.AcceptsAsync(cachePort)).Should().BeTrue("only the named dependency is down");
        }
        finally
        {
            await removal.DisposeAsync();
        }

        await Until(() => PythonService.AcceptsAsync(port), accepts => accepts, "accepting again once the fault is removed");
    }

    [Fact]
    public async Task A_variant_is_a_second_process_on_another_port_with_its_setting_changed()
    {
        await using var variant = await Stack.StartVariantAsync("App:Mode", "y", TestContext.Current.CancellationToken);

        variant.AppAddress.Port.Should().NotBe(Stack.AppAddress.Port);
        variant.Service.ProcessId.Should().NotBeNull().And.NotBe(Stack.Service.ProcessId);
        (await EnvAsync(variant.Service, "App__Mode")).Should().Be("y");
        (await EnvAsync(Stack, "App__Mode")).Should().Be("x", "the stack's own service keeps its setting");
        (await EnvAsync(variant.Service, "App__Db")).Should().Be(await EnvAsync(Stack, "App__Db"), "a variant shares the stack's proxies");
    }

    [Fact]
    public async Task A_variant_setting_given_in_another_case_still_reaches_the_service_under_the_declared_name()
    {
        // The stack matches keys case-insensitively, as .NET configuration does; the environment does not.
        await using var variant = await Stack.StartVariantAsync("app:mode", "y", TestContext.Current.CancellationToken);

        (await EnvAsync(variant.Service, "App__Mode")).Should().Be("y");
    }

    [Fact]
    public async Task Disposing_the_stack_frees_the_services_port_and_leaves_no_process_of_it()
    {
        var token = PythonService.NewToken();
        // Disposing twice is harmless: the using only cleans up after a failed assertion.
        await using var stack = await PythonService.StartOrSkipAsync(service => PythonServiceStack.Configure(service, token));
        var port = stack.AppAddress.Port;
        var pid = stack.Service.ProcessId;
        var variant = await stack.StartVariantAsync("App:Mode", "y", TestContext.Current.CancellationToken);
        PythonService.ProcessesWith(token).Should().HaveCount(2).And.Contain(pid!.Value);
        (await PythonService.AcceptsAsync(port)).Should().BeTrue();

        await stack.DisposeAsync();

        (await PythonService.AcceptsAsync(port)).Should().BeFalse();
        (await PythonService.AcceptsAsync(variant.AppAddress.Port)).Should().BeFalse("the stack stops its variants too");
        await Until(() => Task.FromResult(PythonService.ProcessesWith(token)), pids => pids.Count == 0, "without a process of the service");
    }

    [Fact]
    public async Task A_service_that_never_becomes_ready_fails_within_its_startup_timeout_showing_its_log_tail()
    {
        var marker = PythonService.NewToken();
        var watch = Stopwatch.StartNew();

        var start = () => PythonService.StartOrSkipAsync(service => service
            .WithCommand(PythonService.NeverListening(marker))
            .WithReadiness("/ready")
            .WithStartupTimeout(TimeSpan.FromSeconds(3)));

        var failure = (await start.Should().ThrowAsync<ServerStartException>()).Which;
        failure.Message.Should().Contain("did not accept connections within 3 s").And.Contain(marker);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(25), "3 s for the service, the rest for PostgreSQL and Redis; not the 30 s default");
        await Until(() => Task.FromResult(PythonService.ProcessesWith(marker)), pids => pids.Count == 0, "without the failed service's process");
    }

    [Fact]
    public async Task An_http_dependencys_url_is_its_proxy_with_the_upstreams_path()
    {
        // Nothing listens upstream: the service is only told where to call.
        var upstream = new Uri("http://127.0.0.1:9/pricing/v2/");
        await using var stack = await PythonService.StartOrSkipAsync(service => service
            .WithCommand(PythonService.Serving(PythonService.NewToken()))
            .WithHttpDependency("pricing", "App:Pricing", upstream)
            .WithReadiness("/ready"));

        var url = new Uri(await EnvAsync(stack, "App__Pricing"));

        url.Port.Should().Be(stack.Proxies["pricing"].ListenPort).And.NotBe(upstream.Port);
        url.AbsolutePath.Should().Be("/pricing/v2/", "the proxy forwards bytes, so the service must still call the upstream's path");
    }

    private static Task<string> EnvAsync(ServiceStack stack, string variable) => EnvAsync(stack.Service, variable);

    private static async Task<string> EnvAsync(ServiceInstance service, string variable)
    {
        using var client = service.CreateClient(TimeSpan.FromSeconds(5));
        using var response = await client.GetAsync($"/env/{variable}", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.Should().BeTrue($"the service has {variable} (it answered {(int)response.StatusCode} {body})");
        return body;
    }

    private static Task<T> Until<T>(Func<Task<T>> attempt, Func<T, bool> done, string what) =>
        App.Eventually.UntilAsync(attempt, done, TimeSpan.FromSeconds(10), what);
}
