namespace Resilience.App.Resilience;

/// <summary>Why a dependency call did not produce an answer; each maps to a fast 503 or to a degraded answer.</summary>
public enum FailureReason
{
    /// <summary>The breaker is open: the call was not even attempted.</summary>
    CircuitOpen,
    /// <summary>The concurrency limiter shed the call: too much in flight already.</summary>
    Shed,
    /// <summary>The attempt timeout fired (after any retries).</summary>
    Timeout,
    /// <summary>The request budget ran out before the dependency answered.</summary>
    BudgetExhausted,
    /// <summary>The dependency failed: refused, reset, server error.</summary>
    Unavailable,
}

/// <param name="RetryAfter">What to put in Retry-After: the rest of the break, or a second otherwise.</param>
public sealed record DependencyFailure(string Dependency, FailureReason Reason, TimeSpan RetryAfter)
{
    public string ReasonCode => Reason switch
    {
        FailureReason.CircuitOpen => "circuit-open",
        FailureReason.Shed => "shed",
        FailureReason.Timeout => "timeout",
        FailureReason.BudgetExhausted => "budget-exhausted",
        _ => "unavailable",
    };
}

/// <summary>The result of a dependency call: a value, or why there is none. Failures are values, not exceptions,
/// past this point, so every endpoint decides its own degradation explicitly.</summary>
public readonly record struct DependencyResult<T>(T Value, DependencyFailure? Failure)
{
    public bool Succeeded => Failure is null;

    public static DependencyResult<T> Success(T value) => new(value, null);

    public static DependencyResult<T> Failed(DependencyFailure failure) => new(default!, failure);
}
