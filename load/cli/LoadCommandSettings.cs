using Resilience.Load.Thresholds;

namespace Resilience.Load.Cli;

/// <summary>What one invocation of <c>load</c> asked for, validated.</summary>
internal sealed record LoadCommandSettings(
    Uri Url,
    HttpMethod Method,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body,
    string ContentType,
    double? Rate,
    int? VirtualUsers,
    TimeSpan Duration,
    TimeSpan? ThinkTime,
    IReadOnlyList<Threshold> Thresholds,
    long? Seed,
    int MaxInFlight,
    int? MaxConnections,
    bool UseHttpClient,
    TimeSpan RequestTimeout,
    TimeSpan ProgressInterval,
    string? JsonPath,
    string? CsvPath)
{
    public bool IsOpenModel => Rate is not null;
}
