using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Resilience.Load.Scenarios;

namespace Resilience.Load.Http;

/// <summary>
/// A lean HTTP/1.1 client for load that sends one fixed request (encoded once) over pooled keep-alive connections
/// and classifies answers like <see cref="HttpOutcomes"/>. It costs 20–40 % less CPU per request than
/// <see cref="HttpClient"/> (see bench/RESULTS.md), which matters when the generator shares cores with the service. Use
/// <see cref="HttpStep"/> with <see cref="HttpClient"/> for anything else: varying requests, TLS, redirects.
/// </summary>
public sealed class FixedRequestClient : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly byte[] _request;
    private readonly bool _isHead;
    private readonly bool _retryOnStaleConnection;
    private readonly EndPoint _endPoint;
    private readonly long _timeoutTicks;
    private readonly ConcurrentQueue<Http1Connection> _idle = new();
    private readonly ConcurrentDictionary<Http1Connection, byte> _open = new();
    private readonly ConnectionGate? _connectionSlots;
    private readonly Timer _timeoutSweep;
    private int _disposed;

    /// <summary>Encodes the request once and resolves its host; no connection is opened until the first send.</summary>
    /// <exception cref="ArgumentException">The URL is not an absolute <c>http://</c> URL (use <see cref="HttpStep"/> for https).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is zero or negative.</exception>
    public FixedRequestClient(FixedRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Url.IsAbsoluteUri || options.Url.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"FixedRequestClient speaks plain http://; '{options.Url}' needs HttpClient (HttpStep).", nameof(options));
        }

        var method = options.Method ?? HttpMethod.Get;
        var timeout = options.Timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(options.Timeout));
        _request = Encode(options, method);
        _isHead = method == HttpMethod.Head;
        // A request that fails on a reused connection before any answer byte may never have reached the
        // server (it had closed the idle connection); only idempotent methods are sent again.
        _retryOnStaleConnection = method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
            || method == HttpMethod.Delete || method == HttpMethod.Options;
        _endPoint = Resolve(options.Url);
        _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _connectionSlots = options.MaxConnections is { } max ? new ConnectionGate(max) : null;
        var sweepEvery = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerMillisecond * 100));
        _timeoutSweep = new Timer(static state => ((FixedRequestClient)state!).TimeOutStuckExchanges(), this, sweepEvery, sweepEvery);
    }

    /// <summary>Connections open now (idle or busy).</summary>
    public int OpenConnections => _open.Count;

    /// <summary>Sends the request once and classifies the outcome; never throws for a failed exchange.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<StepResult> SendAsync(CancellationToken cancellationToken = default)
    {
        if (_connectionSlots is not null)
        {
            try
            {
                await _connectionSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return StepResult.Error(Scenarios.ErrorKinds.Canceled);
            }
        }

        Http1Connection? connection = null;
        try
        {
            while (true)
            {
                var current = TakeIdle() ?? await OpenAsync(cancellationToken).ConfigureAwait(false);
                connection = current;
                Volatile.Write(ref current.BusySince, Stopwatch.GetTimestamp());
                try
                {
                    var head = await current.ExchangeAsync(_request, _isHead, cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref current.BusySince, 0);
                    connection = null;
                    Release(current, head.KeepAlive);
                    return Classify(head);
                }
                catch (Exception) when (current.Reused && current.NothingReceived && _retryOnStaleConnection
                                        && !current.TimedOut && !cancellationToken.IsCancellationRequested)
                {
                    connection = null;
                    Close(current);
                }
            }
        }
        catch (Exception exception)
        {
            var timedOut = connection?.TimedOut == true;
            if (connection is not null)
            {
                Close(connection);
            }

            return timedOut ? StepResult.Error(Scenarios.ErrorKinds.Timeout) : Failure(exception, cancellationToken);
        }
        finally
        {
            _connectionSlots?.Release();
        }
    }

    /// <summary>Closes every connection; exchanges still running fail.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timeoutSweep.Dispose();
        foreach (var connection in _open.Keys)
        {
            connection.Dispose();
        }

        _open.Clear();
        _idle.Clear();
    }

    private static StepResult Classify(Http1ResponseHead head) =>
        head.Status >= 400 ? StepResult.Error(HttpOutcomes.StatusKind(head.Status)) with { RetryAfter = head.RetryAfter }
        : head.Degraded is { } kind ? StepResult.Degraded(kind)
        : StepResult.Ok;

    private static StepResult Failure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        Http1ProtocolException protocol => StepResult.Error(protocol.Message),
        _ when cancellationToken.IsCancellationRequested => StepResult.Error(Scenarios.ErrorKinds.Canceled),
        _ => HttpOutcomes.FromException(exception, cancellationToken),
    };

    private Http1Connection? TakeIdle() => _idle.TryDequeue(out var connection) ? connection : null;

    private async ValueTask<Http1Connection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await Http1Connection.OpenAsync(_endPoint, cancellationToken).ConfigureAwait(false);
        _open.TryAdd(connection, 0);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Close(connection);
            throw new ObjectDisposedException(nameof(FixedRequestClient));
        }

        return connection;
    }

    private void Release(Http1Connection connection, bool keepAlive)
    {
        if (keepAlive && Volatile.Read(ref _disposed) == 0)
        {
            _idle.Enqueue(connection);
        }
        else
        {
            Close(connection);
        }
    }

    private void Close(Http1Connection connection)
    {
        _open.TryRemove(connection, out _);
        connection.Dispose();
    }

    /// <summary>One sweep instead of a timer per request: exchanges running longer than the timeout are failed.</summary>
    private void TimeOutStuckExchanges()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var connection in _open.Keys)
        {
            var busySince = Volatile.Read(ref connection.BusySince);
            if (busySince != 0 && now - busySince > _timeoutTicks)
            {
                connection.TimeOut();
            }
        }
    }

    private static byte[] Encode(FixedRequestOptions options, HttpMethod method)
    {
        var head = new StringBuilder()
            .Append(method.Method).Append(' ').Append(options.Url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(options.Url.Authority).Append("\r\n");
        foreach (var (name, value) in options.Headers ?? [])
        {
            if (name.Contains('\r') || name.Contains('\n') || value.Contains('\r') || value.Contains('\n'))
            {
                throw new ArgumentException($"Header '{name}' contains a line break.", nameof(options));
            }

            if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        if (!options.Body.IsEmpty || method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch)
        {
            if (!options.Body.IsEmpty)
            {
                head.Append("Content-Type: ").Append(options.ContentType).Append("\r\n");
            }

            head.Append("Content-Length: ").Append(options.Body.Length).Append("\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
        return [.. bytes, .. options.Body.Span];
    }

    private static EndPoint Resolve(Uri url)
    {
        if (IPAddress.TryParse(url.IdnHost, out var address))
        {
            return new IPEndPoint(address, url.Port);
        }

        var addresses = Dns.GetHostAddresses(url.IdnHost);
        var chosen = addresses.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
                     ?? throw new ArgumentException($"'{url.Host}' has no address.", nameof(url));
        return new IPEndPoint(chosen, url.Port);
    }
}
