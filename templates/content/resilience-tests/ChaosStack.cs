using Resilience.Fixtures.Services;

namespace MyService.ChaosTests;

/// <summary>
/// The service as the tests run it: its project, built and run as a child process, with a real PostgreSQL
/// (and Redis) behind proxies named as the service's Polly pipelines, handed over under the service's own
/// configuration keys. Its breakers are read from Polly's telemetry in the service's process.
/// </summary>
public sealed class ChaosStack : ServiceStackFixture
{
    /// <summary>The PostgreSQL dependency: the name of its proxy and of the Polly pipeline that guards it.</summary>
    public const string Database = "TEMPLATE_POSTGRES_NAME";
#if (Redis)

    /// <summary>The Redis dependency: the name of its proxy and of the Polly pipeline that guards it.</summary>
    public const string Cache = "TEMPLATE_REDIS_NAME";
#endif

    /// <summary>The service's switch for its circuit breakers: the negative control starts a copy with it off.</summary>
    public const string BreakersEnabled = "TEMPLATE_BREAKER_SWITCH";

    protected override ServiceStackBuilder Configure(ServiceStackBuilder service) => service
        .WithCommand(ServiceCommand.DotnetProject("TEMPLATE_SERVICE_PROJECT"))
        .WithPostgres(Database, configKey: "TEMPLATE_POSTGRES_KEY")
#if (Redis)
        .WithRedis(Cache, configKey: "TEMPLATE_REDIS_KEY")
#endif
        .WithReadiness("TEMPLATE_HEALTH_PATH")
        .WithRequestBudget(TimeSpan.FromMilliseconds(TEMPLATE_REQUEST_BUDGET_MS))
        .WithWorkload(ServiceWorkload.Default);
}
