using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using Resilience.App.Configuration;

namespace Resilience.App.Resilience;

/// <summary>
/// Builds one dependency's Polly pipeline from its settings, outermost first:
/// concurrency limiter (sheds with 503 before the pool starves) → retry with jitter (reads only) →
/// circuit breaker → attempt timeout. The request budget sits above all of them as the caller's cancellation
/// token, so every timeout below nests inside it. A strategy switched off is simply not added.
/// </summary>
public static class DependencyPipeline
{
    public static void Configure(
        ResiliencePipelineBuilder builder,
        string dependency,
        DependencyResilienceSettings settings,
        BreakerJournal journal,
        DependencyLimits limits)
    {
        var isFailure = TransientFailure.For(dependency);

        if (limits.For(dependency) is { } limiter)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = $"{dependency}-concurrency-limiter",
                RateLimiter = args => limiter.AcquireAsync(1, args.Context.CancellationToken),
            });
        }

        if (settings.Retry.Enabled)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = $"{dependency}-retry",
                MaxRetryAttempts = settings.Retry.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(settings.Retry.BaseDelayMs),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Context.IsReadCall() && isFailure(args.Outcome)),
            });
        }

        if (settings.CircuitBreaker.Enabled)
        {
            var cb = settings.CircuitBreaker;
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                Name = $"{dependency}-breaker",
                FailureRatio = cb.FailureRatio,
                MinimumThroughput = cb.MinimumThroughput,
                SamplingDuration = TimeSpan.FromMilliseconds(cb.SamplingDurationMs),
                BreakDuration = TimeSpan.FromMilliseconds(cb.BreakDurationMs),
                ShouldHandle = args => ValueTask.FromResult(isFailure(args.Outcome) || args.Context.EndedByBudget(args.Outcome)),
                StateProvider = journal.StateProvider,
                OnOpened = args =>
                {
                    journal.Record(CircuitState.Open, CauseOf(args.Outcome), args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    journal.Record(CircuitState.HalfOpen);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    journal.Record(CircuitState.Closed);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (settings.AttemptTimeout.Enabled)
        {
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Name = $"{dependency}-attempt-timeout",
                Timeout = TimeSpan.FromMilliseconds(settings.AttemptTimeoutMs),
            });
        }
    }

    private static string? CauseOf(Outcome<object> outcome) => outcome.Exception switch
    {
        null => outcome.Result is HttpResponseMessage response ? $"HTTP {(int)response.StatusCode}" : null,
        var e => e.GetType().Name,
    };
}
