namespace Resilience.Load.Scenarios;

/// <summary>How one step invocation ended, as the load engine counts it.</summary>
public enum StepOutcome
{
    /// <summary>Served as asked.</summary>
    Ok,

    /// <summary>Served, but not at full quality (e.g. a stale cached copy, a fallback value).</summary>
    Degraded,

    /// <summary>Failed; the kind says how (e.g. <c>http_503</c>, <c>timeout</c>).</summary>
    Error,
}

/// <summary>
/// What a step returns: ok, degraded (with what kind of degradation) or an error of a kind
/// (e.g. "http_503", "timeout"). Kinds are the keys of the per-kind counts in the timeline and the result.
/// </summary>
/// <param name="Outcome">Ok, degraded or error.</param>
/// <param name="Kind">The kind of degradation or error; null for ok.</param>
public readonly record struct StepResult(StepOutcome Outcome, string? Kind)
{
    /// <summary>The kind of a degraded result that names none.</summary>
    public const string DefaultDegradedKind = "degraded";

    /// <summary>
    /// The error answer carried a <c>Retry-After</c> header: the service refused on purpose and said when to come
    /// back (set by <c>HttpOutcomes.Classify</c>; the load engine counts by <see cref="Kind"/> only, so a 503 is
    /// "http_503" either way). Whether such a refusal counts as shed load is for the caller to judge.
    /// </summary>
    public bool RetryAfter { get; init; }

    /// <summary>The step succeeded.</summary>
    public static StepResult Ok { get; } = new(StepOutcome.Ok, null);

    /// <summary>The step was served, but not at full quality.</summary>
    /// <param name="kind">What kind, e.g. <c>stale</c>; empty or white space becomes <see cref="DefaultDegradedKind"/>.</param>
    public static StepResult Degraded(string kind = DefaultDegradedKind) =>
        new(StepOutcome.Degraded, string.IsNullOrWhiteSpace(kind) ? DefaultDegradedKind : kind);

    /// <summary>The step failed.</summary>
    /// <param name="kind">How, e.g. <c>http_503</c> or <c>timeout</c>; counted per kind.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is empty or white space.</exception>
    public static StepResult Error(string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        return new(StepOutcome.Error, kind);
    }

    /// <summary>True for <see cref="StepOutcome.Ok"/>.</summary>
    public bool IsOk => Outcome == StepOutcome.Ok;

    /// <summary>E.g. <c>Ok</c>, <c>Degraded(stale)</c> or <c>Error(http_503, Retry-After)</c>.</summary>
    public override string ToString() =>
        Kind is null ? Outcome.ToString() : RetryAfter ? $"{Outcome}({Kind}, Retry-After)" : $"{Outcome}({Kind})";
}
