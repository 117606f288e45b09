using System.Reflection;
using Resilience.App.Configuration;

namespace Resilience.App.Resilience;

/// <summary>
/// The wall-clock budget of one request. Its token is the cancellation token of every dependency call the
/// request makes, so the attempt timeouts and retries below it can never add up to more than the budget.
/// Switched off, the token is just the client's abort token. Bound as a minimal-API parameter.
/// </summary>
public sealed class RequestBudget : IDisposable
{
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationToken _clientAborted;

    private RequestBudget(CancellationToken clientAborted, TimeSpan? limit)
    {
        _clientAborted = clientAborted;
        if (limit is { } budget)
        {
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
            _deadline.CancelAfter(budget);
        }
        Token = _deadline?.Token ?? clientAborted;
    }

    public CancellationToken Token { get; }

    public bool ClientAborted => _clientAborted.IsCancellationRequested;

    /// <summary>The budget ran out (as opposed to the client going away).</summary>
    public bool Exhausted => Token.IsCancellationRequested && !ClientAborted;

    /// <summary>A budget as configured, for work outside a request (the start-up warm-up).</summary>
    public static RequestBudget Start(ResilienceSettings settings, CancellationToken clientAborted = default) =>
        new(clientAborted, settings.RequestBudget.Enabled ? settings.RequestBudgetDuration : null);

    public static ValueTask<RequestBudget?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var budget = Start(context.RequestServices.GetRequiredService<AppSettings>().Resilience, context.RequestAborted);
        context.Response.RegisterForDispose(budget);
        return ValueTask.FromResult<RequestBudget?>(budget);
    }

    public void Dispose() => _deadline?.Dispose();
}
