namespace Inventory.Service.Dependencies;

/// <summary>
/// Stops waiting for a dependency call when a token fires, leaving the call itself to finish on its own.
/// StackExchange.Redis takes no cancellation token, and Npgsql reacts to a cancelled command by sending PostgreSQL
/// a cancel request from inside the token's callback, which stalls whichever thread fired the token for as long as
/// a black-holed server keeps quiet. Waiting on the token instead of handing it over keeps every timeout exact.
/// </summary>
public static class LetGo
{
    public static async Task<T> WaitOrLetGoAsync<T>(this Task<T> call, CancellationToken stopWaiting)
    {
        try
        {
            return await call.WaitAsync(stopWaiting);
        }
        catch (OperationCanceledException) when (!call.IsCompleted)
        {
            // The call's own failure, should it come later, is expected and must not surface as an unobserved exception.
            _ = call.ContinueWith(static finished => _ = finished.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }
}
