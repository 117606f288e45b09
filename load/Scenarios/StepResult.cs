namespace Resilience.Load.Scenarios;

/// <summary>How one step invocation ended, as the load engine counts it.</summary>
public enum StepOutcome
{
    Ok,
    /// <summary>Served, but not at full quality (e.g. a stale cached copy, a fallback value).</summary>
    Degraded,
    Error,
}

/// <summary>
/// What a step returns: ok, degraded (with what kind of degradation) or an error of a kind
/// (e.g. "http_503", "timeout"). Kinds are the keys of the per-kind counts in the timeline and the result.
/// </summary>
public readonly record struct StepResult(StepOutcome Outcome, string? Kind)
{
    public const string DefaultDegradedKind = "degraded";

    /// <summary>
    /// The error answer carried a <c>Retry-After</c> header: the service refused on purpose and said when to come
    /// back (set by <c>HttpOutcomes.Classify</c>; the load engine counts by <see cref="Kind"/> only, so a 503 is
    /// "http_503" either way). Whether such a refusal counts as shed load is for the caller to judge.
    /// </summary>
    public bool RetryAfter { get; init; }

    public static StepResult Ok { get; } = new(StepOutcome.Ok, null);

    public static StepResult Degraded(string kind = DefaultDegradedKind) =>
        new(StepOutcome.Degraded, string.IsNullOrWhiteSpace(kind) ? DefaultDegradedKind : kind);

    public static StepResult Error(string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        return new(StepOutcome.Error, kind);
    }

    public bool IsOk => Outcome == StepOutcome.Ok;

    public override string ToString() =>
        Kind is null ? Outcome.ToString() : RetryAfter ? $"{Outcome}({Kind}, Retry-After)" : $"{Outcome}({Kind})";
}
