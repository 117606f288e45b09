using System.Globalization;

namespace Resilience.App.Endpoints;

/// <summary>Reads optional integer query parameters, with a message naming the parameter when one is bad.</summary>
public static class QueryValidation
{
    public static bool TryReadInt(HttpRequest request, string name, int defaultValue, int min, int max, out int value, out string? error)
    {
        error = null;
        var raw = request.Query[name];
        if (raw.Count == 0)
        {
            value = defaultValue;
            return true;
        }
        if (raw.Count == 1 && int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }
        value = 0;
        error = $"{name} must be an integer within {min}..{max}";
        return false;
    }
}
