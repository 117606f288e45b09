using System.Text;
using Resilience.Load.Http;

namespace Resilience.Tests.Harness.Load;

/// <summary>The fixed-request client's reading of response heads, including forms Kestrel never sends.</summary>
public sealed class Http1ResponseHeadTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", 200, 5L, false, true, null, false)]
    [InlineData("HTTP/1.1 503 Service Unavailable\r\nconnection: Close\r\nX-Degraded: stale\r\n", 503, null, false, false, "stale", false)]
    [InlineData("HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\nContent-Length: 0\r\n", 503, 0L, false, true, null, true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n", 200, null, true, true, null, false)]
    [InlineData("HTTP/1.0 200 OK\r\n", 200, null, false, false, null, false)]
    [InlineData("HTTP/1.0 204 No Content\r\nConnection: keep-alive\r\nContent-Length: 0\r\n", 204, 0L, false, true, null, false)]
    [InlineData("HTTP/1.1 100 Continue\r\n", 100, null, false, true, null, false)]
    public void Reads_status_framing_reuse_degradation_and_retry_after(
        string head, int status, long? length, bool chunked, bool keepAlive, string? degraded, bool retryAfter)
    {
        var parsed = Http1ResponseHead.Parse(Encoding.ASCII.GetBytes(head));

        parsed.Should().Be(new Http1ResponseHead(status, length, chunked, keepAlive, degraded, retryAfter));
    }

    [Theory]
    [InlineData("HTTP/2 200\r\n", "bad_status_line")]
    [InlineData("HTTP/1.1 20 OK\r\n", "bad_status_line")]
    [InlineData("SSH-2.0-OpenSSH\r\n", "bad_status_line")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: five\r\n", "bad_content_length")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n", "bad_content_length")]
    public void A_head_that_is_not_HTTP_1_is_a_protocol_error_named_by_its_kind(string head, string kind)
    {
        var parse = () => Http1ResponseHead.Parse(Encoding.ASCII.GetBytes(head));

        parse.Should().Throw<Http1ProtocolException>().WithMessage(kind);
    }
}
