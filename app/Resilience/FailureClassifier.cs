using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Resilience.App.Resilience;

/// <summary>Maps what a pipeline threw to why the dependency gave no answer; null means "not a dependency failure".</summary>
public static class FailureClassifier
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public static DependencyFailure? Classify(string dependency, Exception e, RequestBudget budget, TimeSpan breakDuration)
    {
        FailureReason? reason = e switch
        {
            BrokenCircuitException => FailureReason.CircuitOpen,
            RateLimiterRejectedException => FailureReason.Shed,
            TimeoutRejectedException => FailureReason.Timeout,
            // The client went away: there is nobody to answer, let the host deal with it.
            OperationCanceledException when budget.ClientAborted => null,
            OperationCanceledException when budget.Exhausted => FailureReason.BudgetExhausted,
            _ when TransientFailure.For(dependency)(Outcome.FromException<object>(e)) => FailureReason.Unavailable,
            _ => null,
        };
        if (reason is not { } known)
        {
            return null;
        }
        var retryAfter = e is BrokenCircuitException { RetryAfter: { } rest } ? rest
            : known == FailureReason.CircuitOpen ? breakDuration
            : OneSecond;
        return new DependencyFailure(dependency, known, retryAfter);
    }
}
