using System.Net.Sockets;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

/// <summary><c>toxicity</c> is the probability that a toxic acts on a given connection direction.</summary>
public sealed class ToxicityTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0.0, 1000)]
    [InlineData(0.5, 1000)]
    [InlineData(1.0, 200)]
    public async Task Toxicity_is_the_share_of_connections_a_toxic_acts_on(double toxicity, int connections)
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        // A one-byte data limit shows at once whether the toxic took this connection: "ab" comes back as "a".
        await using var limit = await echo.Proxy.AddLimitDataAsync(1, toxicity: toxicity, cancellationToken: Cancellation);

        var affected = 0;
        await Parallel.ForAsync(0, connections, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancellation }, async (_, cancellationToken) =>
        {
            using var connection = await echo.ConnectAsync(cancellationToken);
            await connection.SendAsync("ab"u8.ToArray(), SocketFlags.None, cancellationToken);
            var (echoed, _) = await ReadUpToAsync(connection, 2, cancellationToken);
            if (echoed.Length < 2)
            {
                Interlocked.Increment(ref affected);
            }
        });

        // Binomial: mean n p, standard deviation sqrt(n p (1 - p)); 5 σ leaves a false alarm about once in 3.5 million runs.
        var mean = connections * toxicity;
        var tolerance = 5 * Math.Sqrt(connections * toxicity * (1 - toxicity));
        affected.Should().BeInRange((int)Math.Floor(mean - tolerance), (int)Math.Ceiling(mean + tolerance), "toxicity {0} over {1} connections", toxicity, connections);
    }

    private static async Task<(byte[] Data, bool Closed)> ReadUpToAsync(Socket connection, int count, CancellationToken cancellationToken)
    {
        var data = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await connection.ReceiveAsync(data.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return (data[..filled], true);
            }

            filled += read;
        }

        return (data, false);
    }
}
