namespace Resilience.App.Resilience;

/// <summary>
/// Stops waiting for a call when the token fires, without cancelling the call itself. For clients whose own
/// cancellation cannot be trusted to return promptly: StackExchange.Redis takes no token at all, and Npgsql's
/// cancellation sends PostgreSQL a cancel request synchronously, which blocks the cancelling thread for as long
/// as the server (or a black-holing proxy) does not answer. The abandoned call runs to its own end; its failure
/// is observed here so it is not reported as an unobserved task exception.
/// </summary>
public static class TaskAbandonment
{
    public static async ValueTask<T> WaitOrAbandonAsync<T>(this Task<T> task, CancellationToken cancellationToken)
    {
        if (task.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return await task;
        }
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (!task.IsCompleted)
        {
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }
}
