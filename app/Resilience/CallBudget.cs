using Polly;

namespace Resilience.App.Resilience;

/// <summary>
/// Carries the request budget into a pipeline execution, so the breaker can tell a call cut short by the budget
/// (the dependency did not answer in time: a failure) from one the client abandoned (no verdict on the dependency).
/// </summary>
public static class CallBudget
{
    public static readonly ResiliencePropertyKey<RequestBudget> Budget = new("resilience-app.request-budget");

    /// <summary>
    /// A pooled pipeline context for one dependency call of a request: cancelled with the request budget, marked as
    /// a read or not (only reads are retried), and carrying the budget for <see cref="EndedByBudget"/>. Return it to
    /// <see cref="ResilienceContextPool.Shared"/> when the call is done.
    /// </summary>
    public static ResilienceContext RentContext(string operation, bool isRead, RequestBudget budget)
    {
        var context = ResilienceContextPool.Shared.Get(operation, budget.Token);
        context.Properties.Set(CallKind.IsRead, isRead);
        context.Properties.Set(Budget, budget);
        return context;
    }

    /// <summary>
    /// The call ended because the request budget ran out. Without this the breaker would count such a call as a
    /// success (Polly treats every unhandled outcome as one), and under a slow dependency, where queued calls get
    /// only what is left of the budget, that kept the failure ratio below the threshold: the breaker never opened.
    /// </summary>
    public static bool EndedByBudget(this ResilienceContext context, Outcome<object> outcome) =>
        outcome.Exception is OperationCanceledException
        && context.Properties.TryGetValue(Budget, out var budget)
        && budget.Exhausted;
}
