namespace Resilience.Load.Scenarios;

/// <summary>Error kinds the engine itself assigns when a step throws instead of returning a result.</summary>
public static class ErrorKinds
{
    /// <summary>The run was cancelled or its graceful stop ran out while the step was running.</summary>
    public const string Canceled = "canceled";

    /// <summary>The step ran out of time: it threw <see cref="TimeoutException"/>, or was cancelled while the run was not.</summary>
    public const string Timeout = "timeout";

    /// <summary>The kind the engine records for a step that threw <paramref name="exception"/>: <see cref="Canceled"/>,
    /// <see cref="Timeout"/>, or <c>exception:TypeName</c>.</summary>
    /// <param name="exception">What the step threw.</param>
    /// <param name="runToken">The run's token: a cancellation while it is cancelled is the run's own, not a timeout.</param>
    public static string FromException(Exception exception, CancellationToken runToken) => exception switch
    {
        OperationCanceledException when runToken.IsCancellationRequested => Canceled,
        TimeoutException or OperationCanceledException => Timeout,
        _ => $"exception:{exception.GetType().Name}",
    };
}
