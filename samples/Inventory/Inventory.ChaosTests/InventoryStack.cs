using Resilience.Fixtures.Services;

namespace Inventory.ChaosTests;

/// <summary>
/// The inventory service as its tests run it: its project, built and run as a child process, PostgreSQL and Redis
/// behind proxies named as the service's Polly pipelines are, handed over under the service's own keys. Its breakers
/// are read from Polly's telemetry (the service has no breaker endpoint).
/// </summary>
public sealed class InventoryStack : ServiceStackFixture
{
    public const string Database = "inventory-db";
    public const string Cache = "stock-cache";

    /// <summary>The service's switch for its circuit breakers, for the negative control.</summary>
    public const string BreakersEnabled = "Inventory:Breakers:Enabled";

    protected override ServiceStackBuilder Configure(ServiceStackBuilder service) => service
        .WithCommand(ServiceCommand.DotnetProject("samples/Inventory/Inventory.Service/Inventory.Service.csproj"))
        .WithPostgres(Database, configKey: "Inventory:Database")
        .WithRedis(Cache, configKey: "Inventory:Cache")
        .WithReadiness("/healthz")
        .WithRequestBudget(TimeSpan.FromSeconds(1))
        .WithEnvironment(environment => environment.WithPostgres(postgres => postgres.WithCrashSafeCommits()))
        .WithWorkload(InventoryWorkload.Default);
}
