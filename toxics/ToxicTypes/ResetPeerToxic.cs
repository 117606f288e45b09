using System.Text.Json.Serialization;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary><c>reset_peer</c>: when data next arrives on this stream, it is discarded and, <c>timeout</c>
/// milliseconds later (at once with 0), both sides of the connection are reset with a TCP RST (linger 0), so
/// clients see "connection reset by peer". Like Toxiproxy, an idle connection is reset when it is next used.</summary>
internal sealed record ResetPeerToxic : Toxic
{
    [JsonPropertyName("timeout")]
    public long Timeout { get; init; }

    public override string? Validate() => Duration("timeout", Timeout);

    public override ToxicStage CreateStage(StageContext context) => new Stage(this, context);

    private sealed class Stage(ResetPeerToxic toxic, StageContext context) : ToxicStage(context)
    {
        public override async ValueTask PipeAsync(Chunk chunk, IChunkSink next)
        {
            if (await PreciseDelay.UntilAsync(chunk.Timestamp + PreciseDelay.MillisecondsToTicks(toxic.Timeout), Interrupted))
            {
                Context.Link.Reset();
                return;
            }

            await next.WriteAsync(chunk);
        }
    }
}
