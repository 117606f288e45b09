using System.Globalization;
using System.Text.Json;
using Resilience.Toxics.Contracts;

namespace Resilience.Toxics;

/// <summary>
/// A proxy on a Toxiproxy server. Its properties are as of the last answer from the server; the methods change
/// the proxy on the server and refresh them.
/// </summary>
public sealed class Proxy
{
    private readonly ToxiproxyClient client;

    internal Proxy(ToxiproxyClient client, ProxyDocument document)
    {
        this.client = client;
        Name = document.Name;
        Apply(document);
    }

    /// <summary>The proxy's unique name on its server, e.g. <c>postgres</c>; it names the proxy in every API call.</summary>
    public string Name { get; }

    /// <summary>The address the proxy listens on (with the real port once it has listened on port 0).</summary>
    public string Listen { get; private set; } = "";

    /// <summary>The <c>host:port</c> the proxy forwards each accepted connection to: the real service.</summary>
    public string Upstream { get; private set; } = "";

    /// <summary>Whether the proxy accepts connections; a disabled one refuses them (see <see cref="DisableAsync"/>).</summary>
    public bool Enabled { get; private set; }

    /// <summary>The toxics on the proxy, upstream ones first.</summary>
    public IReadOnlyList<ToxicHandle> Toxics { get; private set; } = [];

    /// <summary>The port of <see cref="Listen"/>: what clients of the proxied service connect to.</summary>
    public int ListenPort => int.Parse(Listen[(Listen.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>The host of <see cref="Listen"/>, without IPv6 brackets.</summary>
    public string ListenHost => Listen[..Listen.LastIndexOf(':')].Trim('[', ']') is { Length: > 0 } host ? host : "127.0.0.1";

    internal ApiConnection Api => client.Api;

    internal string Path => $"proxies/{ApiConnection.Segment(Name)}";

    /// <summary>Starts listening again.</summary>
    public Task EnableAsync(CancellationToken cancellationToken = default) => UpdateAsync(new ProxyInput { Enabled = true }, cancellationToken);

    /// <summary>Stops listening (connections are refused) and closes every open connection.</summary>
    public Task DisableAsync(CancellationToken cancellationToken = default) => UpdateAsync(new ProxyInput { Enabled = false }, cancellationToken);

    /// <summary>Moves the proxy; the server restarts it, dropping its connections.</summary>
    public Task UpdateAsync(string? listen = null, string? upstream = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(new ProxyInput { Listen = listen, Upstream = upstream }, cancellationToken);

    /// <summary>Reads the proxy from the server again, so its properties and <see cref="Toxics"/> are current.</summary>
    /// <exception cref="ToxiproxyApiException">The server refused, e.g. 404 once the proxy was deleted.</exception>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) =>
        Apply(await Api.SendAsync<ProxyDocument>(HttpMethod.Get, Path, null, cancellationToken));

    /// <summary>Deletes the proxy from the server: it stops listening and its connections are closed.</summary>
    /// <exception cref="ToxiproxyApiException">The server refused, e.g. 404 when the proxy is already gone.</exception>
    public Task DeleteAsync(CancellationToken cancellationToken = default) =>
        Api.SendAsync(HttpMethod.Delete, Path, null, cancellationToken);

    /// <summary>The toxics on the proxy as the server holds them now (unlike <see cref="Toxics"/>, which is as of the
    /// last answer).</summary>
    public async Task<IReadOnlyList<ToxicHandle>> GetToxicsAsync(CancellationToken cancellationToken = default)
    {
        var toxics = await Api.SendAsync<List<ToxicDocument>>(HttpMethod.Get, $"{Path}/toxics", null, cancellationToken);
        return [.. toxics.Select(toxic => new ToxicHandle(this, toxic))];
    }

    /// <summary>The named toxic on this proxy.</summary>
    /// <param name="name">The toxic's name, e.g. <c>latency_downstream</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ToxiproxyApiException">404 when the proxy has no toxic of that name.</exception>
    public async Task<ToxicHandle> GetToxicAsync(string name, CancellationToken cancellationToken = default) =>
        new(this, await Api.SendAsync<ToxicDocument>(HttpMethod.Get, $"{Path}/toxics/{ApiConnection.Segment(name)}", null, cancellationToken));

    /// <summary>
    /// Adds a toxic of any type. The typed adders (<see cref="ProxyToxicExtensions.AddLatencyAsync"/> and the
    /// others) are easier to read; this one reaches toxics they do not cover.
    /// </summary>
    /// <param name="type">Toxiproxy's type name, e.g. <c>latency</c>.</param>
    /// <param name="attributes">An object whose JSON form is the attributes, e.g. <c>new { latency = 100 }</c>.</param>
    /// <param name="stream">The direction to affect.</param>
    /// <param name="toxicity">Probability (0-1) that the toxic acts on a given connection direction.</param>
    /// <param name="name">Defaults to <c>type_stream</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toxicity"/> is outside 0-1.</exception>
    /// <exception cref="ToxiproxyApiException">The server refused, e.g. 409 for a name taken, or 400 for a type it does not
    /// have, with <see cref="ToxiproxyApiException.UnknownToxicType"/> set to <paramref name="type"/>.</exception>
    public async Task<ToxicHandle> AddToxicAsync(
        string type,
        object? attributes = null,
        ToxicStream stream = ToxicStream.Downstream,
        double toxicity = 1.0,
        string? name = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentOutOfRangeException.ThrowIfLessThan(toxicity, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(toxicity, 1);
        var input = new ToxicInput
        {
            Name = name,
            Type = type,
            Stream = stream.ToWireName(),
            Toxicity = toxicity,
            Attributes = attributes is null ? null : JsonSerializer.SerializeToElement(attributes, attributes.GetType()),
        };
        try
        {
            var created = await Api.SendAsync<ToxicDocument>(HttpMethod.Post, $"{Path}/toxics", input, cancellationToken);
            return new ToxicHandle(this, created);
        }
        catch (ToxiproxyApiException refused) when (ToxiproxyApiException.IsInvalidToxicType(refused))
        {
            // The answer does not say which type; only this request knows it.
            refused.UnknownToxicType = type;
            throw;
        }
    }

    /// <summary>The proxy in one line, e.g. <c>postgres 127.0.0.1:41234 -> 127.0.0.1:5432</c>, for logs.</summary>
    public override string ToString() => $"{Name} {Listen} -> {Upstream}{(Enabled ? "" : " (disabled)")}";

    private async Task UpdateAsync(ProxyInput change, CancellationToken cancellationToken) =>
        Apply(await Api.SendAsync<ProxyDocument>(HttpMethod.Post, Path, change, cancellationToken));

    private void Apply(ProxyDocument document)
    {
        Listen = document.Listen;
        Upstream = document.Upstream;
        Enabled = document.Enabled;
        Toxics = [.. (document.Toxics ?? []).Select(toxic => new ToxicHandle(this, toxic))];
    }
}
