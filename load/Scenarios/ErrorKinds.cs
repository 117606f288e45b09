namespace Resilience.Load.Scenarios;

/// <summary>Error kinds the engine itself assigns when a step throws instead of returning a result.</summary>
public static class ErrorKinds
{
    /// <summary>The run was cancelled or its graceful stop ran out while the step was running.</summary>
    public const string Canceled = "canceled";

    public const string Timeout = "timeout";

    public static string FromException(Exception exception, CancellationToken runToken) => exception switch
    {
        OperationCanceledException when runToken.IsCancellationRequested => Canceled,
        TimeoutException or OperationCanceledException => Timeout,
        _ => $"exception:{exception.GetType().Name}",
    };
}
