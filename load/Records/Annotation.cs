namespace Resilience.Load.Records;

/// <summary>
/// A time-stamped mark on a run's timeline. The load engine does not interpret it: the suites
/// add fault windows (<see cref="AnnotationKinds.Fault"/>) and breaker states
/// (<see cref="AnnotationKinds.Breaker"/>), and reports draw them.
/// </summary>
/// <param name="Kind">What the mark is, one of <see cref="AnnotationKinds"/> or a user's own.</param>
/// <param name="Label">Human text, e.g. "postgres latency 500ms" or the breaker state "Open".</param>
/// <param name="Subject">What it applies to, e.g. the proxy or breaker name ("postgres").</param>
/// <param name="Start">When the mark is, or when the window opened; on the run's clock.</param>
/// <param name="End">End of a window; null for an instant.</param>
public sealed record Annotation(
    string Kind,
    string Label,
    string? Subject,
    DateTimeOffset Start,
    DateTimeOffset? End);

/// <summary>The <see cref="Annotation.Kind"/> values the harness writes and the reports know how to draw.</summary>
public static class AnnotationKinds
{
    /// <summary>A fault window: from injecting a fault to lifting it; the subject is the dependency.</summary>
    public const string Fault = "fault";

    /// <summary>A circuit breaker's state (label <c>Open</c>, <c>HalfOpen</c>, <c>Closed</c>) from a transition on; the subject is the breaker.</summary>
    public const string Breaker = "breaker";

    /// <summary>A stretch of the load shape, one per simulation, e.g. "ramp arrivals 0/s -> 200/s over 10s"; the engine writes these itself.</summary>
    public const string Phase = "phase";

    /// <summary>Free text a test adds at a moment, e.g. "cache flushed".</summary>
    public const string Note = "note";
}
