namespace Resilience.Toxics;

/// <summary>Which direction of a proxied connection a toxic acts on (Toxiproxy's <c>stream</c>).</summary>
public enum ToxicStream
{
    /// <summary>Client to server: requests.</summary>
    Upstream,

    /// <summary>Server to client: responses. Toxiproxy's default.</summary>
    Downstream,
}

/// <summary>The wire names of <see cref="ToxicStream"/>.</summary>
internal static class ToxicStreamNames
{
    public const string Upstream = "upstream";
    public const string Downstream = "downstream";

    public static string ToWireName(this ToxicStream stream) =>
        stream == ToxicStream.Upstream ? Upstream : Downstream;

    /// <summary>Parses <c>upstream</c>/<c>downstream</c> case-insensitively, as Toxiproxy does.</summary>
    public static bool TryParse(string? value, out ToxicStream stream)
    {
        if (string.Equals(value, Upstream, StringComparison.OrdinalIgnoreCase))
        {
            stream = ToxicStream.Upstream;
            return true;
        }

        stream = ToxicStream.Downstream;
        return string.Equals(value, Downstream, StringComparison.OrdinalIgnoreCase);
    }
}
