using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Resilience.Load.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection of a <see cref="FixedRequestClient"/>: sends a pre-encoded request and reads
/// the response head and body framing (Content-Length, chunked, or until close), keeping only what is classified:
/// the status code, the X-Degraded header and whether the connection can be reused. The body is discarded.
/// </summary>
/// <remarks>The async methods use pooled builders: an exchange that waits on the socket allocates nothing.</remarks>
internal sealed class Http1Connection : IDisposable
{
    private const int InitialBuffer = 4096;
    private const int MaxHeadBytes = 64 * 1024;

    private readonly Socket _socket;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _start;
    private int _end;
    private int _timedOut;

    private Http1Connection(Socket socket) => _socket = socket;

    /// <summary>Stopwatch timestamp of the exchange in progress, 0 when idle; the client's timeout sweep reads it.</summary>
    public long BusySince;

    /// <summary>Served a request before: a failure with nothing received may be a stale keep-alive connection.</summary>
    public bool Reused { get; private set; }

    /// <summary>No byte of the current response has arrived.</summary>
    public bool NothingReceived { get; private set; }

    public bool TimedOut => Volatile.Read(ref _timedOut) != 0;

    public static async ValueTask<Http1Connection> OpenAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new Http1Connection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Http1ResponseHead> ExchangeAsync(ReadOnlyMemory<byte> request, bool isHead, CancellationToken cancellationToken)
    {
        NothingReceived = true;
        while (!request.IsEmpty)
        {
            var sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            request = request[sent..];
        }

        Http1ResponseHead head;
        do
        {
            head = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        }
        while (head.Status is >= 100 and < 200 and not 101); // interim answers (100 Continue) precede the real one

        var keepAlive = await SkipBodyAsync(head, isHead, cancellationToken).ConfigureAwait(false);
        Reused = true;
        return head with { KeepAlive = keepAlive };
    }

    /// <summary>Called by the timeout sweep: fails the exchange in progress by closing the socket under it.</summary>
    public void TimeOut()
    {
        Interlocked.Exchange(ref _timedOut, 1);
        _socket.Dispose();
    }

    public void Dispose() => _socket.Dispose();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Http1ResponseHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Http1ResponseHead.Parse(_buffer.AsSpan(_start, end + 2));
                _start += end + 4;
                return head;
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new Http1ProtocolException(NothingReceived ? "response_ended" : "response_ended_in_head");
            }
        }
    }

    /// <summary>Reads past the body; returns whether the connection may carry another request.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> SkipBodyAsync(Http1ResponseHead head, bool isHead, CancellationToken cancellationToken)
    {
        if (isHead || head.Status is 204 or 304)
        {
            return head.KeepAlive;
        }

        if (head.Chunked)
        {
            await SkipChunkedAsync(cancellationToken).ConfigureAwait(false);
            return head.KeepAlive;
        }

        if (head.ContentLength is { } length)
        {
            await SkipAsync(length, cancellationToken).ConfigureAwait(false);
            return head.KeepAlive;
        }

        // Neither length nor chunks: the body runs until the server closes the connection.
        _start = _end;
        while (await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            _start = _end;
        }

        return false;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SkipChunkedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var sizeText = _buffer.AsSpan(line.Start, line.Length);
            var extension = sizeText.IndexOf((byte)';');
            if (!Utf8Parser.TryParse(extension >= 0 ? sizeText[..extension] : sizeText, out long size, out var consumed, 'x')
                || consumed == 0 || size < 0)
            {
                throw new Http1ProtocolException("bad_chunk_size");
            }

            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                    // trailer fields are not used
                }

                return;
            }

            await SkipAsync(size, cancellationToken).ConfigureAwait(false);
            if ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length != 0)
            {
                throw new Http1ProtocolException("bad_chunk_end");
            }
        }
    }

    /// <summary>The next CRLF-terminated line as a range of the buffer (valid until the next read), CRLF consumed.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(int Start, int Length)> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var length = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (length >= 0)
            {
                var line = (_start, length);
                _start += length + 2;
                return line;
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new Http1ProtocolException("response_ended_in_body");
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = _end - _start;
            if (available >= count)
            {
                _start += (int)count;
                return;
            }

            count -= available;
            _start = _end = 0;
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new Http1ProtocolException("response_ended_in_body");
            }
        }
    }

    /// <summary>Receives more bytes after the unread ones; false at the end of the stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            MakeRoom();
        }

        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (received > 0)
        {
            NothingReceived = false;
        }

        _end += received;
        return received > 0;
    }

    private void MakeRoom()
    {
        var unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
        }
        else if (_buffer.Length >= MaxHeadBytes)
        {
            throw new Http1ProtocolException("head_too_large");
        }
        else
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _start = 0;
        _end = unread;
    }
}
