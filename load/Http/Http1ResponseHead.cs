using System.Buffers.Text;
using System.Text;

namespace Resilience.Load.Http;

/// <summary>What the load engine keeps of a response head.</summary>
internal readonly record struct Http1ResponseHead(int Status, long? ContentLength, bool Chunked, bool KeepAlive, string? Degraded, bool RetryAfter)
{
    /// <summary>Parses the status line and the header fields (<paramref name="head"/> ends with the last field's CRLF).</summary>
    public static Http1ResponseHead Parse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd >= 0 ? head[..lineEnd] : head;
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var digits) || digits != 3)
        {
            throw new Http1ProtocolException("bad_status_line");
        }

        var keepAlive = statusLine[7] == (byte)'1'; // HTTP/1.1 keeps the connection unless told otherwise
        long? contentLength = null;
        var chunked = false;
        string? degraded = null;
        var retryAfter = false;
        var fields = lineEnd >= 0 ? head[(lineEnd + 2)..] : [];
        while (!fields.IsEmpty)
        {
            var end = fields.IndexOf("\r\n"u8);
            var field = end >= 0 ? fields[..end] : fields;
            fields = end >= 0 ? fields[(end + 2)..] : [];
            var colon = field.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = field[..colon];
            var value = field[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                contentLength = Utf8Parser.TryParse(value, out long length, out var used) && used == value.Length && length >= 0
                    ? length
                    : throw new Http1ProtocolException("bad_content_length");
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = ContainsIgnoreCase(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                keepAlive = ContainsIgnoreCase(value, "keep-alive"u8) || (keepAlive && !ContainsIgnoreCase(value, "close"u8));
            }
            else if (Ascii.EqualsIgnoreCase(name, "x-degraded"u8))
            {
                degraded = Encoding.ASCII.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "retry-after"u8))
            {
                retryAfter = true;
            }
        }

        return new Http1ResponseHead(status, contentLength, chunked, keepAlive, degraded, retryAfter);
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        for (var i = 0; i + token.Length <= value.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(value.Slice(i, token.Length), token))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A response the fixed-request client cannot read; <see cref="Exception.Message"/> is the error kind.</summary>
internal sealed class Http1ProtocolException(string kind) : IOException(kind);
