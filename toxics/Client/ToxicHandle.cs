using System.Net;
using System.Text.Json;
using Resilience.Toxics.Contracts;

namespace Resilience.Toxics;

/// <summary>
/// A toxic on a proxy. Disposing it removes the toxic, so <c>await using var toxic = await proxy.Add…</c> scopes a
/// fault to a block; a toxic already gone (removed, reset, proxy deleted) is not an error then.
/// </summary>
public sealed class ToxicHandle : IAsyncDisposable
{
    internal ToxicHandle(Proxy proxy, ToxicDocument document)
    {
        Proxy = proxy;
        Name = document.Name;
        Type = document.Type;
        Stream = ToxicStreamNames.TryParse(document.Stream, out var stream) ? stream : ToxicStream.Downstream;
        Apply(document);
    }

    /// <summary>The proxy the toxic is on.</summary>
    public Proxy Proxy { get; }

    /// <summary>The toxic's name, unique on its proxy; <c>type_stream</c> (e.g. <c>latency_downstream</c>) unless one was given.</summary>
    public string Name { get; }

    /// <summary>Toxiproxy's type name, e.g. <c>latency</c>, <c>bandwidth</c>, <c>timeout</c>.</summary>
    public string Type { get; }

    /// <summary>The direction of the connection the toxic acts on.</summary>
    public ToxicStream Stream { get; }

    /// <summary>The probability (0-1) that the toxic acts on a given connection direction; 1 means always.</summary>
    public double Toxicity { get; private set; }

    /// <summary>The attributes as the server last reported them, e.g. <c>Attributes["latency"].GetInt64()</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; private set; } = new Dictionary<string, JsonElement>();

    private string Path => $"{Proxy.Path}/toxics/{ApiConnection.Segment(Name)}";

    /// <summary>Changes attributes (only those given) and/or toxicity; live connections follow at once.</summary>
    /// <param name="attributes">An object whose JSON form holds the attributes to change, e.g. <c>new { latency = 200 }</c>.</param>
    /// <param name="toxicity">The new probability (0-1), or null to keep it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ToxiproxyApiException">The server refused, e.g. 404 once the toxic was removed.</exception>
    public async Task UpdateAsync(object? attributes = null, double? toxicity = null, CancellationToken cancellationToken = default)
    {
        var change = new ToxicInput
        {
            Toxicity = toxicity,
            Attributes = JsonSerializer.SerializeToElement(attributes ?? new { }, attributes?.GetType() ?? typeof(object)),
        };
        Apply(await Proxy.Api.SendAsync<ToxicDocument>(HttpMethod.Post, Path, change, cancellationToken));
    }

    /// <summary>Removes the toxic; connections on the proxy are unaffected from then on.</summary>
    /// <exception cref="ToxiproxyApiException">404 when the toxic is already gone (unlike <see cref="DisposeAsync"/>).</exception>
    public Task RemoveAsync(CancellationToken cancellationToken = default) =>
        Proxy.Api.SendAsync(HttpMethod.Delete, Path, null, cancellationToken);

    /// <summary>Removes the toxic, treating one already gone as removed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RemoveAsync();
        }
        catch (ToxiproxyApiException gone) when (gone.StatusCode == HttpStatusCode.NotFound)
        {
            // Already removed: by a reset, by deleting the proxy, or explicitly.
        }
    }

    /// <summary>The toxic in one line, e.g. <c>latency_downstream (latency, downstream, toxicity 1)</c>, for logs.</summary>
    public override string ToString() => $"{Name} ({Type}, {Stream.ToWireName()}, toxicity {Toxicity})";

    private void Apply(ToxicDocument document)
    {
        Toxicity = document.Toxicity;
        Attributes = document.Attributes is null
            ? new Dictionary<string, JsonElement>()
            : document.Attributes.ToDictionary(pair => pair.Key, pair => JsonSerializer.SerializeToElement(pair.Value));
    }
}
