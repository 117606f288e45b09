using Polly;
using Polly.Registry;
using Resilience.App.Configuration;
using Resilience.App.Observability;

namespace Resilience.App.Resilience;

/// <summary>
/// Runs a call to one dependency through its pipeline under the request budget, and turns the ways it can fail
/// into a <see cref="DependencyFailure"/>. Exceptions that are not dependency failures (bugs) propagate.
/// Used for PostgreSQL and Redis; the price service goes through its HttpClient's resilience handler instead.
/// </summary>
public sealed class DependencyCaller
{
    private readonly string _dependency;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _breakDuration;
    private readonly AppMetrics _metrics;

    public DependencyCaller(string dependency, ResiliencePipelineProvider<string> pipelines, AppSettings settings, AppMetrics metrics)
    {
        _dependency = dependency;
        _pipeline = pipelines.GetPipeline(dependency);
        _breakDuration = TimeSpan.FromMilliseconds(settings.Resilience.For(dependency).CircuitBreaker.BreakDurationMs);
        _metrics = metrics;
    }

    public async ValueTask<DependencyResult<TResult>> ExecuteAsync<TState, TResult>(
        string operation,
        bool isRead,
        RequestBudget budget,
        Func<TState, CancellationToken, ValueTask<TResult>> call,
        TState state)
    {
        var context = CallBudget.RentContext(operation, isRead, budget);
        try
        {
            var value = await _pipeline.ExecuteAsync(
                static (ctx, s) => s.call(s.state, ctx.CancellationToken),
                context,
                (call, state));
            return DependencyResult<TResult>.Success(value);
        }
        catch (Exception e) when (FailureClassifier.Classify(_dependency, e, budget, _breakDuration) is { } failure)
        {
            _metrics.DependencyFailed(_dependency, failure.ReasonCode);
            return DependencyResult<TResult>.Failed(failure);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
