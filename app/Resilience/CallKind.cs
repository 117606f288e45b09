using Polly;

namespace Resilience.App.Resilience;

/// <summary>
/// Marks a pipeline execution as a read. Only reads are retried: a write that timed out may have committed,
/// and retrying it is the caller's decision (with its Idempotency-Key), not the pipeline's.
/// </summary>
public static class CallKind
{
    public static readonly ResiliencePropertyKey<bool> IsRead = new("resilience-app.is-read");

    public static bool IsReadCall(this ResilienceContext context) => context.Properties.GetValue(IsRead, false);
}
