using System.Text.Json;
using Resilience.Toxics;

namespace Resilience.Toxics.Server;

/// <summary>Reads toxiproxy-server's <c>-config</c> file: a JSON array of <c>{name, listen, upstream, enabled}</c>.</summary>
internal static class ProxyConfigFile
{
    private sealed record Entry(string? Name, string? Listen, string? Upstream, bool? Enabled);

    public static IReadOnlyList<ProxyConfig> Read(FileInfo file)
    {
        using var stream = file.OpenRead();
        var entries = JsonSerializer.Deserialize<List<Entry>>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{file.FullName}: expected a JSON array of proxies.");
        return [.. entries.Select((entry, index) => new ProxyConfig(
            Required(entry.Name, "name", index, file),
            string.IsNullOrEmpty(entry.Listen) ? "127.0.0.1:0" : entry.Listen,
            Required(entry.Upstream, "upstream", index, file),
            entry.Enabled ?? true))];
    }

    private static string Required(string? value, string field, int index, FileInfo file) =>
        string.IsNullOrEmpty(value) ? throw new InvalidDataException($"{file.FullName}: proxy {index + 1} has no {field}.") : value;
}
