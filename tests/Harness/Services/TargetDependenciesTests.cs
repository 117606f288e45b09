using Resilience.Fixtures.Environment;
using Resilience.Fixtures.Experiments;

namespace Resilience.Tests.Harness.Services;

/// <summary>Dependencies are found by the user's names, and every wrong lookup says what there is instead.</summary>
public sealed class TargetDependenciesTests
{
    private static readonly FakePostgres Database = new();
    private static readonly FakeRedis Cache = new();

    private static TargetDependencies Inventory { get; } = new(
    [
        new TargetDependency("inventory-db", DependencyKind.Postgres, Database),
        new TargetDependency("stock-cache", DependencyKind.Redis, Cache),
        new TargetDependency("pricing", DependencyKind.Http, null),
    ]);

    [Fact]
    public void A_dependency_is_found_by_its_name_and_all_keep_their_declared_order()
    {
        Inventory["stock-cache"].Should().Be(new TargetDependency("stock-cache", DependencyKind.Redis, Cache));
        Inventory.All.Select(d => d.Name).Should().Equal("inventory-db", "stock-cache", "pricing");
    }

    [Fact]
    public void Names_are_case_sensitive_like_proxy_names()
    {
        var lookup = () => Inventory["Inventory-DB"];

        lookup.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var lookup = () => Inventory["orders-db"];

        lookup.Should().Throw<ArgumentException>()
            .WithMessage("*no dependency 'orders-db'*'inventory-db', 'stock-cache', 'pricing'*");
    }

    [Fact]
    public void The_servers_behind_postgres_and_redis_dependencies_are_found_by_name()
    {
        Inventory.Postgres("inventory-db").Should().BeSameAs(Database);
        Inventory.Redis("stock-cache").Should().BeSameAs(Cache);
        Inventory.Server("inventory-db").Should().BeSameAs(Database);
    }

    [Fact]
    public void Asking_for_postgres_behind_a_redis_dependency_names_its_kind_and_the_postgres_ones()
    {
        var lookup = () => Inventory.Postgres("stock-cache");

        lookup.Should().Throw<ArgumentException>()
            .WithMessage("'stock-cache' is a Redis dependency, not PostgreSQL; the PostgreSQL ones are 'inventory-db'.*");
    }

    [Fact]
    public void Asking_for_redis_behind_a_postgres_dependency_names_the_redis_ones()
    {
        var lookup = () => Inventory.Redis("inventory-db");

        lookup.Should().Throw<ArgumentException>()
            .WithMessage("'inventory-db' is a Postgres dependency, not Redis; the Redis ones are 'stock-cache'.*");
    }

    [Fact]
    public void An_http_dependency_has_no_server_process_and_says_to_fault_its_proxy()
    {
        var lookup = () => Inventory.Server("pricing");

        lookup.Should().Throw<ArgumentException>().WithMessage("*'pricing'*no server process*Http*proxy*");
    }

    [Fact]
    public void With_no_postgres_at_all_the_lookup_says_there_are_none()
    {
        var cacheOnly = new TargetDependencies([new TargetDependency("cache", DependencyKind.Redis, Cache)]);

        var lookup = () => cacheOnly.Postgres("cache");

        lookup.Should().Throw<ArgumentException>().WithMessage("*the PostgreSQL ones are none*");
    }

    [Fact]
    public void Single_of_a_kind_there_is_one_of_returns_it()
    {
        Inventory.Single(DependencyKind.Postgres).Name.Should().Be("inventory-db");
        Inventory.Single(DependencyKind.Http).Name.Should().Be("pricing");
    }

    [Fact]
    public void Single_of_a_kind_there_is_none_of_lists_what_there_is()
    {
        var cacheOnly = new TargetDependencies([new TargetDependency("cache", DependencyKind.Redis, Cache)]);

        var single = () => cacheOnly.Single(DependencyKind.Postgres);

        single.Should().Throw<InvalidOperationException>().WithMessage("The service has no Postgres dependency; it has 'cache'.");
    }

    [Fact]
    public void Single_of_a_kind_there_are_two_of_asks_to_name_one()
    {
        var twoApis = new TargetDependencies(
        [
            new TargetDependency("pricing", DependencyKind.Http, null),
            new TargetDependency("cache", DependencyKind.Redis, Cache),
            new TargetDependency("payments", DependencyKind.Http, null),
        ]);

        var single = () => twoApis.Single(DependencyKind.Http);

        single.Should().Throw<InvalidOperationException>().WithMessage("*several Http dependencies ('pricing', 'payments')*name the one*");
    }

    [Fact]
    public void No_dependencies_at_all_is_described_as_none()
    {
        var none = new TargetDependencies([]);

        var lookup = () => none["db"];

        none.All.Should().BeEmpty();
        lookup.Should().Throw<ArgumentException>().WithMessage("*it has none*");
    }

    [Fact]
    public void Two_dependencies_with_one_name_are_refused()
    {
        var create = () => new TargetDependencies(
        [
            new TargetDependency("store", DependencyKind.Postgres, Database),
            new TargetDependency("store", DependencyKind.Redis, Cache),
        ]);

        create.Should().Throw<ArgumentException>().WithMessage("*Two dependencies are named 'store'*");
    }

    private abstract class FakeServer : IServerProcess
    {
        public event EventHandler<ServerProcessStateChangedEventArgs>? StateChanged
        {
            add { }
            remove { }
        }

        public abstract string Name { get; }

        public bool SupportsProcessControl => false;

        public ServerProcessState State => ServerProcessState.Running;

        public void Kill() => throw new NotSupportedException();

        public Task PauseAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task ResumeAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task StopAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RestartAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class FakePostgres : FakeServer, IPostgresServer
    {
        public override string Name => "fake postgres";

        public PostgresEndpoint Endpoint { get; } = new("127.0.0.1", 5432, "app", "app_user", "app-password");
    }

    private sealed class FakeRedis : FakeServer, IRedisServer
    {
        public override string Name => "fake redis";

        public RedisEndpoint Endpoint { get; } = new("127.0.0.1", 6379, null);
    }
}
