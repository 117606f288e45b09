using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Resilience.Tests.Harness.Compose;

/// <summary>The parts of <c>docker-compose config</c>'s normalised YAML the tests read.</summary>
public sealed class ComposeModel
{
    public Dictionary<string, ComposeService> Services { get; set; } = [];

    public static ComposeModel Parse(string yaml) =>
        new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build()
            .Deserialize<ComposeModel>(yaml);
}

public sealed class ComposeService
{
    public string? Image { get; set; }
    public ComposeBuild? Build { get; set; }
    public Dictionary<string, string> Environment { get; set; } = [];
    public List<string> Command { get; set; } = [];
    public List<string> Volumes { get; set; } = [];

    /// <summary>Short syntax ("127.0.0.1:8080:8080/tcp", docker-compose 1.x) or long syntax (a mapping, compose 2).</summary>
    public List<object> Ports { get; set; } = [];

    public IReadOnlyList<PublishedPort> PublishedPorts() => Ports.Select(PublishedPort.From).ToList();
}

public sealed class ComposeBuild
{
    public string? Context { get; set; }
    public string? Dockerfile { get; set; }
}

public sealed record PublishedPort(string? HostIp, int Published, int Target)
{
    public static PublishedPort From(object entry) => entry switch
    {
        string text => FromShortSyntax(text),
        IDictionary<object, object> map => new PublishedPort(
            map.TryGetValue("host_ip", out var ip) ? ip?.ToString() : null,
            int.Parse(map["published"].ToString()!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(map["target"].ToString()!, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"Unreadable port entry {entry}."),
    };

    // [host_ip:]published:target[/protocol]; an entry without host_ip publishes on every interface.
    private static PublishedPort FromShortSyntax(string text)
    {
        var parts = text.Split('/')[0].Split(':');
        return parts.Length switch
        {
            3 => new PublishedPort(parts[0], int.Parse(parts[1]), int.Parse(parts[2])),
            2 => new PublishedPort(null, int.Parse(parts[0]), int.Parse(parts[1])),
            _ => new PublishedPort(null, 0, int.Parse(parts[0])),
        };
    }
}
