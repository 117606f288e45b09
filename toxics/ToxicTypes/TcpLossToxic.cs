using System.Diagnostics;
using System.Text.Json.Serialization;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary>
/// <c>tcp_loss</c> (this project's own): what packet loss does to a TCP connection, without corrupting it.
/// </summary>
/// <remarks>
/// Each chunk is "lost" with probability <c>loss_rate</c> (<c>loss_rate + correlation</c> right after a loss) and
/// is then held back for a retransmission timeout: <c>rto</c> milliseconds (default 200, Linux's minimum RTO),
/// doubling on every consecutive loss of the same chunk up to <c>max_rto</c> (default 120000, Linux's maximum).
/// Later chunks wait behind it (head-of-line blocking), every byte arrives in order, and after
/// <c>max_retries</c> retransmissions in a row are lost (default 15, Linux's tcp_retries2) the connection is
/// reset, as a kernel gives up with ETIMEDOUT. Loss applies per chunk (one socket read: up to 16 KiB, 128 KiB on bulk transfers), which for
/// request/response protocols is about one message.
/// </remarks>
internal sealed record TcpLossToxic : Toxic
{
    [JsonPropertyName("loss_rate")]
    public double LossRate { get; init; }

    [JsonPropertyName("correlation")]
    public double Correlation { get; init; }

    [JsonPropertyName("rto")]
    public long Rto { get; init; } = 200;

    [JsonPropertyName("max_rto")]
    public long MaxRto { get; init; } = 120_000;

    [JsonPropertyName("max_retries")]
    public int MaxRetries { get; init; } = 15;

    public override string? Validate()
    {
        if (Rto < 1 || MaxRto < Rto)
        {
            return "rto must be at least 1 and max_rto at least rto";
        }

        return Duration("max_rto", MaxRto) ?? Probability("loss_rate", LossRate) ?? Probability("correlation", Correlation) ?? NotNegative("max_retries", MaxRetries);
    }

    public override ToxicStage CreateStage(StageContext context) => new Stage(this, context);

    private sealed class Stage(TcpLossToxic toxic, StageContext context) : ToxicStage(context)
    {
        private bool lastLost;

        public override async ValueTask PipeAsync(Chunk chunk, IChunkSink next)
        {
            // The retransmission timer runs from when the chunk reached the proxy, as TCP's runs from the send.
            var due = chunk.Timestamp;
            var timeout = toxic.Rto;
            for (var attempt = 0; IsLost(); attempt++)
            {
                if (attempt == toxic.MaxRetries)
                {
                    Context.Link.Reset();
                    return;
                }

                due += PreciseDelay.MillisecondsToTicks(timeout);
                if (!await PreciseDelay.UntilAsync(due, Interrupted))
                {
                    break;
                }

                timeout = Math.Min(timeout * 2, toxic.MaxRto);
            }

            await next.WriteAsync(chunk with { Timestamp = Math.Min(due, Stopwatch.GetTimestamp()) });
        }

        private bool IsLost()
        {
            var probability = lastLost ? Math.Min(1, toxic.LossRate + toxic.Correlation) : toxic.LossRate;
            lastLost = Context.Random.NextDouble() < probability;
            return lastLost;
        }
    }
}
