using System.Text.Json.Serialization;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary>
/// <c>packet_loss</c> (Toxiproxy 2026): each chunk is discarded with probability <c>loss_rate</c>, or
/// <c>loss_rate + correlation</c> right after a discarded one (a simple burst model).
/// </summary>
/// <remarks>
/// A chunk is what one read from the socket returned, not an IP packet, and TCP has already acknowledged it: the
/// bytes are gone for good and the receiver sees a stream with holes, which most protocols report as a corrupt
/// message or a hang. It exists for compatibility; <see cref="TcpLossToxic"/> models what loss does to TCP.
/// </remarks>
internal sealed record PacketLossToxic : Toxic
{
    [JsonPropertyName("loss_rate")]
    public double LossRate { get; init; }

    [JsonPropertyName("correlation")]
    public double Correlation { get; init; }

    public override string? Validate() => Probability("loss_rate", LossRate) ?? Probability("correlation", Correlation);

    public override ToxicStage CreateStage(StageContext context) => new Stage(this, context);

    private sealed class Stage(PacketLossToxic toxic, StageContext context) : ToxicStage(context)
    {
        private bool lastLost;

        public override ValueTask PipeAsync(Chunk chunk, IChunkSink next)
        {
            var probability = lastLost ? Math.Min(1, toxic.LossRate + toxic.Correlation) : toxic.LossRate;
            lastLost = Context.Random.NextDouble() < probability;
            return lastLost ? ValueTask.CompletedTask : next.WriteAsync(chunk);
        }
    }
}
