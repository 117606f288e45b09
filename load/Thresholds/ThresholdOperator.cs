namespace Resilience.Load.Thresholds;

/// <summary>How a measured value compares with a threshold's limit for the threshold to pass.</summary>
public enum ThresholdOperator
{
    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>==</c></summary>
    Equal,
}

internal static class ThresholdOperators
{
    public static bool Holds(this ThresholdOperator op, double actual, double limit) => op switch
    {
        ThresholdOperator.LessThan => actual < limit,
        ThresholdOperator.LessThanOrEqual => actual <= limit,
        ThresholdOperator.GreaterThan => actual > limit,
        ThresholdOperator.GreaterThanOrEqual => actual >= limit,
        _ => actual == limit,
    };

    public static string Symbol(this ThresholdOperator op) => op switch
    {
        ThresholdOperator.LessThan => "<",
        ThresholdOperator.LessThanOrEqual => "<=",
        ThresholdOperator.GreaterThan => ">",
        ThresholdOperator.GreaterThanOrEqual => ">=",
        _ => "==",
    };

    public static bool TryParse(string symbol, out ThresholdOperator op)
    {
        (var known, op) = symbol switch
        {
            "<" => (true, ThresholdOperator.LessThan),
            "<=" => (true, ThresholdOperator.LessThanOrEqual),
            ">" => (true, ThresholdOperator.GreaterThan),
            ">=" => (true, ThresholdOperator.GreaterThanOrEqual),
            "==" => (true, ThresholdOperator.Equal),
            _ => (false, ThresholdOperator.Equal),
        };
        return known;
    }
}
