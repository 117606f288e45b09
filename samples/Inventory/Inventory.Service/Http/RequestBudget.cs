namespace Inventory.Service.Http;

/// <summary>
/// The time one request may take in all: one second, of which the work gets 900 ms so the answer (a fallback or a
/// 503) is written before the second is up. Attempt timeouts sit inside it, so it only fires when they add up, and
/// a client that goes away cancels it too.
/// </summary>
public sealed class RequestBudget : IDisposable
{
    public static readonly TimeSpan ForWork = TimeSpan.FromMilliseconds(900);

    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _clientGone;

    public RequestBudget(HttpContext context)
    {
        _clientGone = context.RequestAborted;
        _source = CancellationTokenSource.CreateLinkedTokenSource(_clientGone);
        _source.CancelAfter(ForWork);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>True when <paramref name="exception"/> is this budget running out (not the client leaving).</summary>
    public bool RanOut(Exception exception) =>
        exception is OperationCanceledException && _source.IsCancellationRequested && !_clientGone.IsCancellationRequested;

    public void Dispose() => _source.Dispose();
}
