namespace Resilience.Toxics.ToxicTypes;

/// <summary>
/// A toxic's attributes: an immutable type whose JSON names and units are Toxiproxy's. Absent attributes take the
/// property's initial value (zero unless the toxic documents a default).
/// </summary>
internal abstract record Toxic
{
    /// <summary>Describes what is wrong with the attribute values, or returns null when they are usable.</summary>
    public virtual string? Validate() => null;

    /// <summary>Creates this toxic's stage for one direction of one connection.</summary>
    public abstract ToxicStage CreateStage(StageContext context);

    protected static string? NotNegative(string attribute, double value) =>
        value < 0 ? $"{attribute} must not be negative" : null;

    /// <summary>A time attribute: not negative, and short enough (under 25 days) that deadlines cannot overflow.</summary>
    protected static string? Duration(string attribute, long value) =>
        value is < 0 or > int.MaxValue ? $"{attribute} must be between 0 and {int.MaxValue}" : null;

    protected static string? Probability(string attribute, double value) =>
        value is < 0 or > 1 || double.IsNaN(value) ? $"{attribute} must be between 0 and 1" : null;
}
