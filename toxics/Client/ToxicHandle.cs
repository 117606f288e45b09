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

    public Proxy Proxy { get; }

    public string Name { get; }

    public string Type { get; }

    public ToxicStream Stream { get; }

    public double Toxicity { get; private set; }

    /// <summary>The attributes as the server last reported them, e.g. <c>Attributes["latency"].GetInt64()</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; private set; } = new Dictionary<string, JsonElement>();

    private string Path => $"{Proxy.Path}/toxics/{ApiConnection.Segment(Name)}";

    /// <summary>Changes attributes (only those given) and/or toxicity; live connections follow at once.</summary>
    /// <param name="attributes">An object whose JSON form holds the attributes to change, e.g. <c>new { latency = 200 }</c>.</param>
    public async Task UpdateAsync(object? attributes = null, double? toxicity = null, CancellationToken cancellationToken = default)
    {
        var change = new ToxicInput
        {
            Toxicity = toxicity,
            Attributes = JsonSerializer.SerializeToElement(attributes ?? new { }, attributes?.GetType() ?? typeof(object)),
        };
        Apply(await Proxy.Api.SendAsync<ToxicDocument>(HttpMethod.Post, Path, change, cancellationToken));
    }

    public Task RemoveAsync(CancellationToken cancellationToken = default) =>
        Proxy.Api.SendAsync(HttpMethod.Delete, Path, null, cancellationToken);

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

    public override string ToString() => $"{Name} ({Type}, {Stream.ToWireName()}, toxicity {Toxicity})";

    private void Apply(ToxicDocument document)
    {
        Toxicity = document.Toxicity;
        Attributes = document.Attributes is null
            ? new Dictionary<string, JsonElement>()
            : document.Attributes.ToDictionary(pair => pair.Key, pair => JsonSerializer.SerializeToElement(pair.Value));
    }
}
