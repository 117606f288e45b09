namespace Resilience.Toxics.Proxying;

/// <summary>Byte counters of one direction of a proxy, summed over all its connections.</summary>
internal sealed class DirectionTraffic
{
    private long received;
    private long sent;

    public long Received => Volatile.Read(ref received);

    public long Sent => Volatile.Read(ref sent);

    public void AddReceived(int bytes) => Interlocked.Add(ref received, bytes);

    public void AddSent(int bytes) => Interlocked.Add(ref sent, bytes);
}

/// <summary>What a proxy has carried since it was created: bytes per direction and connections.</summary>
internal sealed class ProxyTraffic
{
    private long accepted;
    private long active;

    public DirectionTraffic Upstream { get; } = new();

    public DirectionTraffic Downstream { get; } = new();

    public long ConnectionsAccepted => Volatile.Read(ref accepted);

    public long ActiveConnections => Volatile.Read(ref active);

    public DirectionTraffic For(ToxicStream stream) => stream == ToxicStream.Upstream ? Upstream : Downstream;

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref accepted);
        Interlocked.Increment(ref active);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref active);
}
