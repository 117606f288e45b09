using Resilience.Toxics.ToxicTypes;

namespace Resilience.Toxics.Proxying;

/// <summary>
/// The toxics of one proxy, in the order they were added, and the live links they act on. Every change is
/// applied to every live link of the toxic's direction before the call returns.
/// </summary>
internal sealed class ProxyToxics
{
    private readonly Lock gate = new();
    private readonly List<ToxicDefinition> toxics = [];
    private readonly HashSet<Link> links = [];

    /// <summary>Upstream toxics first, then downstream, each in the order added (Toxiproxy's listing order).</summary>
    public IReadOnlyList<ToxicDefinition> All
    {
        get
        {
            lock (gate)
            {
                return [.. For(ToxicStream.Upstream), .. For(ToxicStream.Downstream)];
            }
        }
    }

    public ToxicDefinition Get(string name)
    {
        lock (gate)
        {
            return toxics.Find(toxic => toxic.Name == name) ?? throw ProxyStateException.ToxicNotFound();
        }
    }

    public ToxicDefinition Add(ToxicDefinition toxic)
    {
        lock (gate)
        {
            if (toxics.Exists(existing => existing.Name == toxic.Name))
            {
                throw new ProxyStateException(ProxyErrorKind.Conflict, "toxic already exists");
            }

            toxics.Add(toxic);
            Broadcast(toxic.Stream);
            return toxic;
        }
    }

    public ToxicDefinition Update(string name, Func<ToxicDefinition, ToxicDefinition> change)
    {
        lock (gate)
        {
            var index = toxics.FindIndex(toxic => toxic.Name == name);
            if (index < 0)
            {
                throw ProxyStateException.ToxicNotFound();
            }

            var updated = change(toxics[index]);
            toxics[index] = updated;
            Broadcast(updated.Stream);
            return updated;
        }
    }

    public void Remove(string name)
    {
        lock (gate)
        {
            var index = toxics.FindIndex(toxic => toxic.Name == name);
            if (index < 0)
            {
                throw ProxyStateException.ToxicNotFound();
            }

            var stream = toxics[index].Stream;
            toxics.RemoveAt(index);
            Broadcast(stream);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            toxics.Clear();
            Broadcast(ToxicStream.Upstream);
            Broadcast(ToxicStream.Downstream);
        }
    }

    /// <summary>A new connection joins: its links start with the current toxics.</summary>
    public void Attach(ProxyConnection connection)
    {
        lock (gate)
        {
            foreach (var link in new[] { connection.UpstreamLink, connection.DownstreamLink })
            {
                links.Add(link);
                link.ApplyToxics(For(link.Stream));
            }
        }
    }

    public void Detach(ProxyConnection connection)
    {
        lock (gate)
        {
            links.Remove(connection.UpstreamLink);
            links.Remove(connection.DownstreamLink);
        }
    }

    private List<ToxicDefinition> For(ToxicStream stream) => toxics.FindAll(toxic => toxic.Stream == stream);

    private void Broadcast(ToxicStream stream)
    {
        var current = For(stream);
        foreach (var link in links)
        {
            if (link.Stream == stream)
            {
                link.ApplyToxics(current);
            }
        }
    }
}
