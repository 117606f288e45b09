using Npgsql;
using StackExchange.Redis;

namespace Resilience.Tests.Harness.Compose;

public sealed class ChaosComposeFileTests(ChaosComposeConfig compose) : IClassFixture<ChaosComposeConfig>
{
    [Fact]
    public void The_file_validates_and_runs_the_whole_stack_on_pinned_images()
    {
        var services = compose.Validated().Services;

        services.Keys.Should().BeEquivalentTo("postgres", "redis", "toxiproxy", "price-stub", "app");
        services["toxiproxy"].Image.Should().StartWith("ghcr.io/shopify/toxiproxy:");
        services["postgres"].Image.Should().StartWith("postgres:");
        services["redis"].Image.Should().StartWith("redis:");
        foreach (var (name, service) in services.Where(s => s.Value.Build is null))
        {
            var image = service.Image ?? "";
            var tag = image[(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
            tag.Should().NotBeNullOrEmpty($"{name}'s image must be pinned to a tag").And.NotBe("latest");
        }

        foreach (var name in new[] { "app", "price-stub" })
        {
            services[name].Build!.Dockerfile.Should().Be("app/Dockerfile");
            File.Exists(Path.Combine(services[name].Build!.Context!, "app", "Dockerfile")).Should().BeTrue();
        }

        services["price-stub"].Environment.Should().Contain("Mode", "price-stub");
    }

    [Fact]
    public async Task Every_image_can_be_replaced_by_its_variable_for_stand_ins_made_offline()
    {
        DockerComposeCli.RequireInstalled();
        var images = new Dictionary<string, string>
        {
            ["RESILIENCE_POSTGRES_IMAGE"] = "stand-in/postgres:1",
            ["RESILIENCE_REDIS_IMAGE"] = "stand-in/redis:1",
            ["RESILIENCE_TOXIPROXY_IMAGE"] = "stand-in/toxiproxy:1",
            ["RESILIENCE_APP_IMAGE"] = "stand-in/app:1",
        };

        var result = await DockerComposeCli.ConfigAsync(
            ChaosComposeConfig.ComposeFile, compose.Passwords.Concat(images).ToDictionary(), TestContext.Current.CancellationToken);

        result.ExitCode.Should().Be(0, result.Error);
        var services = ComposeModel.Parse(result.Output).Services;
        services.ToDictionary(s => s.Key, s => s.Value.Image).Should().BeEquivalentTo(new Dictionary<string, string?>
        {
            ["postgres"] = "stand-in/postgres:1",
            ["redis"] = "stand-in/redis:1",
            ["toxiproxy"] = "stand-in/toxiproxy:1",
            ["price-stub"] = "stand-in/app:1",
            ["app"] = "stand-in/app:1",
        });
    }

    [Fact]
    public async Task The_host_ports_can_be_moved_by_variables_and_stay_on_127_0_0_1()
    {
        DockerComposeCli.RequireInstalled();
        var ports = new Dictionary<string, string>
        {
            ["RESILIENCE_APP_PORT"] = "28080",
            ["RESILIENCE_TOXIPROXY_PORT"] = "28474",
            ["RESILIENCE_POSTGRES_PORT"] = "25432",
            ["RESILIENCE_REDIS_PORT"] = "26379",
        };

        var result = await DockerComposeCli.ConfigAsync(
            ChaosComposeConfig.ComposeFile, compose.Passwords.Concat(ports).ToDictionary(), TestContext.Current.CancellationToken);

        result.ExitCode.Should().Be(0, result.Error);
        var services = ComposeModel.Parse(result.Output).Services;
        services["app"].PublishedPorts().Should().ContainSingle().Which.Should().Be(new PublishedPort("127.0.0.1", 28080, 8080));
        services["postgres"].PublishedPorts().Should().ContainSingle().Which.Should().Be(new PublishedPort("127.0.0.1", 25432, 5432));
        services["redis"].PublishedPorts().Should().ContainSingle().Which.Should().Be(new PublishedPort("127.0.0.1", 26379, 6379));
        services["toxiproxy"].PublishedPorts().Should().Contain(new PublishedPort("127.0.0.1", 28474, 8474));
    }

    [Fact]
    public void Every_published_port_is_bound_to_127_0_0_1()
    {
        var services = compose.Validated().Services;

        var published = services.SelectMany(s => s.Value.PublishedPorts().Select(p => (Service: s.Key, Port: p))).ToList();
        published.Should().OnlyContain(p => p.Port.HostIp == "127.0.0.1", "nothing may listen beyond loopback");
        published.Select(p => (p.Service, p.Port.Published)).Should().Contain(
            [("app", 8080), ("toxiproxy", 8474), ("postgres", 5432), ("redis", 6379)]);
        services["price-stub"].PublishedPorts().Should().BeEmpty("the stub is reached only through the pricing proxy");
    }

    [Fact]
    public void Toxiproxy_is_populated_with_postgres_redis_and_external_proxies_to_the_right_services()
    {
        var toxiproxy = compose.Validated().Services["toxiproxy"];

        var proxies = PopulatedProxies(toxiproxy).ToDictionary(p => p.Name);
        proxies.Keys.Should().BeEquivalentTo("postgres", "redis", "pricing");
        proxies.Values.Should().OnlyContain(p => p.Enabled);
        (proxies["postgres"].UpstreamHost, proxies["postgres"].UpstreamPort).Should().Be(("postgres", 5432));
        (proxies["redis"].UpstreamHost, proxies["redis"].UpstreamPort).Should().Be(("redis", 6379));
        (proxies["pricing"].UpstreamHost, proxies["pricing"].UpstreamPort).Should().Be(("price-stub", 8080));
        toxiproxy.Command.Should().Contain("-host=0.0.0.0", "the API must answer on the container network for the published 8474");
    }

    [Fact]
    public void The_app_reaches_postgres_redis_and_the_price_service_through_the_toxiproxy_proxies()
    {
        var services = compose.Validated().Services;
        var proxies = PopulatedProxies(services["toxiproxy"]).ToDictionary(p => p.Name);
        var app = services["app"].Environment;

        var postgres = new NpgsqlConnectionStringBuilder(app["ConnectionStrings__Postgres"]);
        (postgres.Host, postgres.Port).Should().Be(("toxiproxy", proxies["postgres"].ListenPort));
        postgres.Username.Should().Be(services["postgres"].Environment["POSTGRES_USER"]);
        postgres.Database.Should().Be(services["postgres"].Environment["POSTGRES_DB"]);
        postgres.Password.Should().Be(compose.PostgresPassword);

        var redis = ConfigurationOptions.Parse(app["ConnectionStrings__Redis"]);
        redis.EndPoints.Should().ContainSingle().Which.Should().Be(new System.Net.DnsEndPoint("toxiproxy", proxies["redis"].ListenPort));
        redis.Password.Should().Be(compose.RedisPassword);

        var external = new Uri(app["External__BaseUrl"]);
        (external.Host, external.Port).Should().Be(("toxiproxy", proxies["pricing"].ListenPort));
        services["app"].PublishedPorts().Should().ContainSingle().Which.Should().Be(new PublishedPort("127.0.0.1", 8080, 8080));
    }

    [Fact]
    public async Task Without_passwords_in_the_environment_the_file_does_not_validate()
    {
        DockerComposeCli.RequireInstalled();

        var withoutRedis = await DockerComposeCli.ConfigAsync(ChaosComposeConfig.ComposeFile,
            new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = compose.PostgresPassword }, TestContext.Current.CancellationToken);
        var withNeither = await DockerComposeCli.ConfigAsync(ChaosComposeConfig.ComposeFile,
            new Dictionary<string, string>(), TestContext.Current.CancellationToken);

        withoutRedis.ExitCode.Should().NotBe(0);
        withoutRedis.Error.Should().Contain("REDIS_PASSWORD");
        withNeither.ExitCode.Should().NotBe(0);
        withNeither.Error.Should().Contain("_PASSWORD");
        File.ReadAllText(ChaosComposeConfig.ComposeFile).Should().NotContainAny(compose.PostgresPassword, compose.RedisPassword);
    }

    // The populate file is the host side of the volume mounted where toxiproxy's -config flag points.
    private static IReadOnlyList<ToxiproxyProxy> PopulatedProxies(ComposeService toxiproxy)
    {
        var configPath = toxiproxy.Command.Single(arg => arg.StartsWith("-config=", StringComparison.Ordinal))["-config=".Length..];
        var mount = toxiproxy.Volumes.Select(v => v.Split(':')).Single(parts => parts[1] == configPath);
        File.Exists(mount[0]).Should().BeTrue($"toxiproxy's config {mount[0]} must exist");
        return ToxiproxyProxy.ReadAll(mount[0]);
    }
}
