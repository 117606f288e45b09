using System.Runtime.CompilerServices;

namespace Resilience.Toxics;

/// <summary>
/// Typed adders for every toxic, with Toxiproxy's attribute names and units filled in from .NET types. Each
/// returns a handle that removes the toxic when disposed.
/// </summary>
public static class ProxyToxicExtensions
{
    /// <summary><c>latency</c>: data arrives <paramref name="latency"/> ± <paramref name="jitter"/> late.</summary>
    public static Task<ToxicHandle> AddLatencyAsync(this Proxy proxy, TimeSpan latency, TimeSpan jitter = default,
        ToxicStream stream = ToxicStream.Downstream, double toxicity = 1.0, string? name = null, CancellationToken cancellationToken = default) =>
        proxy.AddToxicAsync("latency", new { latency = Milliseconds(latency), jitter = Milliseconds(jitter) }, stream, toxicity, name, cancellationToken);

    /// <summary><c>bandwidth</c>: at most <paramref name="kilobytesPerSecond"/> KB/s (1 KB = 1000 bytes); 0 stalls.</summary>
    public static Task<ToxicHandle> AddBandwidthAsync(this Proxy proxy, long kilobytesPerSecond,
        ToxicStream stream = ToxicStream.Downstream, double toxicity = 1.0, string? name = null, CancellationToken cancellationToken = default) =>
        proxy.AddToxicAsync("bandwidth", new { rate = NotNegative(kilobytesPerSecond) }, stream, toxicity, name, cancellationToken);

    /// <summary><c>slow_close</c>: a close reaches the other side <paramref name="delay"/> late.</summary>
    public static Task<ToxicHandle> AddSlowCloseAsync(this Proxy proxy, TimeSpan delay,
        ToxicStream stream = ToxicStream.Downstream, double toxicity = 1.0, string? name = null, CancellationToken cancellationToken = default) =>
        proxy.AddToxicAsync("slow_close", new { delay = Milliseconds(delay) }, stream, toxicity, name, cancellationToken);

    /// <summary><c>timeout</c>: nothing gets through; the connection closes after <paramref name="timeout"/>, or
    /// stays silently open until the toxic is removed when it is <see cref="TimeSpan.Zero"/>.</summary>
    public static Task<ToxicHandle> AddTimeoutAsync(this Proxy proxy, TimeSpan timeout,
        ToxicStream stream = ToxicStream.Downstream, double toxicity = 1.0, string? name = null, CancellationToken cancellationToken = default) =>
        proxy.AddToxicAsync("timeout", new { timeout = Milliseconds(timeout) }, stream, toxicity, name, cancellationToken);

    /// <summary><c>reset_peer</c>: the connection is reset (TCP RST) when data next flows, after
    /// <paramref name="timeout"/>.</summary>
    public static Task<ToxicHandle> AddResetPeerAsync(this Proxy proxy, TimeSpan timeout = default,
        ToxicStream stream = ToxicStream.Downstream, double toxicity = 1.0, string? name = null, CancellationToken cancellationToken = default) =>
        proxy.AddToxicAsync("reset_peer", new { timeout = Milliseconds(timeout) }, stream, toxicity, name, cancellationToken);

    /// <summary><c>slicer</c>: data is cut into <paramref name="averageSize"/> ± <paramref name="sizeVariation"/>
    /// byte pieces sent <paramref name="delay"/> apart (microsecond resolution).</summary>
    public static Task<ToxicHandle> AddSlicerAsync(this Proxy proxy, int averageSize, int sizeVariation = 0, TimeSpan delay = default,
        ToxicStream stream = ToxicStream.Downstream, double toxicity = 1.0, string? name = null, CancellationToken cancellationToken = default) =>
        proxy.AddToxicAsync("slicer", new
        {
            average_size = averageSize,
            size_variation = sizeVariation,
            delay = (long)Math.Round(NotNegative(delay).TotalMicroseconds),
        }, stream, toxicity, name, cancellationToken);

    /// <summary><c>limit_data</c>: the connection closes once <paramref name="bytes"/> bytes have passed.</summary>
    public static Task<ToxicHandle> AddLimitDataAsync(this Proxy proxy, long bytes,
        ToxicStream stream = ToxicStream.Downstream, double toxicity = 1.0, string? name = null, CancellationToken cancellationToken = default) =>
        proxy.AddToxicAsync("limit_data", new { bytes = NotNegative(bytes) }, stream, toxicity, name, cancellationToken);

    /// <summary><c>packet_loss</c> (Toxiproxy 2026): chunks are discarded, leaving holes in the TCP stream. For
    /// what loss does to a healthy TCP connection use <see cref="AddTcpLossAsync"/>.</summary>
    public static Task<ToxicHandle> AddPacketLossAsync(this Proxy proxy, double lossRate, double correlation = 0,
        ToxicStream stream = ToxicStream.Downstream, double toxicity = 1.0, string? name = null, CancellationToken cancellationToken = default) =>
        proxy.AddToxicAsync("packet_loss", new { loss_rate = Probability(lossRate), correlation = Probability(correlation) }, stream, toxicity, name, cancellationToken);

    /// <summary>
    /// <c>tcp_loss</c> (this server only): each chunk is lost with probability <paramref name="lossRate"/> and then
    /// retransmitted after <paramref name="retransmissionTimeout"/> (default 200 ms), doubling per consecutive loss
    /// up to <paramref name="maxRetransmissionTimeout"/> (default 120 s); the connection is reset after
    /// <paramref name="maxRetries"/> lost retransmissions (default 15). Nothing is corrupted; data arrives late.
    /// </summary>
    public static Task<ToxicHandle> AddTcpLossAsync(this Proxy proxy, double lossRate, double correlation = 0,
        TimeSpan? retransmissionTimeout = null, TimeSpan? maxRetransmissionTimeout = null, int maxRetries = 15,
        ToxicStream stream = ToxicStream.Downstream, double toxicity = 1.0, string? name = null, CancellationToken cancellationToken = default) =>
        proxy.AddToxicAsync("tcp_loss", new
        {
            loss_rate = Probability(lossRate),
            correlation = Probability(correlation),
            rto = Milliseconds(retransmissionTimeout ?? TimeSpan.FromMilliseconds(200)),
            max_rto = Milliseconds(maxRetransmissionTimeout ?? TimeSpan.FromMinutes(2)),
            max_retries = NotNegative(maxRetries),
        }, stream, toxicity, name, cancellationToken);

    private static long Milliseconds(TimeSpan span, [CallerArgumentExpression(nameof(span))] string? name = null) =>
        (long)Math.Round(NotNegative(span, name).TotalMilliseconds);

    private static T NotNegative<T>(T value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : IComparable<T> =>
        value.CompareTo(default) < 0 ? throw new ArgumentOutOfRangeException(name, value, "Must not be negative.") : value;

    private static double Probability(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be between 0 and 1.");
}
