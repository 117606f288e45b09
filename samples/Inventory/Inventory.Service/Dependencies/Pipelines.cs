using Polly;
using Polly.CircuitBreaker;

namespace Inventory.Service.Dependencies;

/// <summary>
/// The service's two resilience pipelines, one per dependency, registered with Polly.Extensions so their
/// telemetry (logs and the <c>Polly</c> meter) carries these names. The harness observes the breakers only through
/// that telemetry, so the names are part of the service's contract.
/// </summary>
public static class Pipelines
{
    public const string Database = "inventory-db";
    public const string Cache = "stock-cache";

    public static IServiceCollection AddInventoryPipelines(this IServiceCollection services, InventorySettings settings)
    {
        // No retries: a request has one second in all, and a retry against a dependency that just failed mostly
        // spends that second on the same failure. The breaker is outermost so that attempt timeouts count as failures.
        services.AddResiliencePipeline(Database, builder =>
        {
            if (settings.BreakersEnabled)
            {
                builder.AddCircuitBreaker(Breaker(DependencyFailures.FromDatabase));
            }
            builder.AddTimeout(TimeSpan.FromMilliseconds(300));
        });

        // Redis is only an accelerator: its attempt timeout is short because PostgreSQL can still answer after it.
        services.AddResiliencePipeline(Cache, builder =>
        {
            if (settings.BreakersEnabled)
            {
                builder.AddCircuitBreaker(Breaker(DependencyFailures.FromCache));
            }
            builder.AddTimeout(TimeSpan.FromMilliseconds(100));
        });
        return services;
    }

    private static CircuitBreakerStrategyOptions Breaker(Func<Exception, bool> isFailure) => new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 5,
        SamplingDuration = TimeSpan.FromSeconds(2),
        BreakDuration = TimeSpan.FromSeconds(2),
        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && isFailure(e)),
    };
}
