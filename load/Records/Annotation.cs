namespace Resilience.Load.Records;

/// <summary>
/// A time-stamped mark on a run's timeline. The load engine does not interpret it: the suites
/// add fault windows (<see cref="AnnotationKinds.Fault"/>) and breaker states
/// (<see cref="AnnotationKinds.Breaker"/>), and reports draw them.
/// </summary>
/// <param name="Kind">What the mark is, one of <see cref="AnnotationKinds"/> or a user's own.</param>
/// <param name="Label">Human text, e.g. "postgres latency 500ms" or the breaker state "Open".</param>
/// <param name="Subject">What it applies to, e.g. the proxy or breaker name ("postgres").</param>
/// <param name="End">End of a window; null for an instant.</param>
public sealed record Annotation(
    string Kind,
    string Label,
    string? Subject,
    DateTimeOffset Start,
    DateTimeOffset? End);

public static class AnnotationKinds
{
    public const string Fault = "fault";
    public const string Breaker = "breaker";
    public const string Phase = "phase";
    public const string Note = "note";
}
