using System.Diagnostics;
using System.Text.Json.Serialization;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary><c>latency</c>: every chunk arrives <c>latency</c> ± <c>jitter</c> milliseconds after it reached the
/// proxy. Chunks keep flowing while earlier ones wait, so a busy connection is delayed, not throttled.</summary>
internal sealed record LatencyToxic : Toxic
{
    [JsonPropertyName("latency")]
    public long Latency { get; init; }

    [JsonPropertyName("jitter")]
    public long Jitter { get; init; }

    public override string? Validate() => Duration("latency", Latency) ?? Duration("jitter", Jitter);

    public override ToxicStage CreateStage(StageContext context) => new Stage(this, context);

    private sealed class Stage(LatencyToxic toxic, StageContext context) : ToxicStage(context)
    {
        public override async ValueTask PipeAsync(Chunk chunk, IChunkSink next)
        {
            var delay = toxic.Latency + (toxic.Jitter == 0 ? 0 : (Context.Random.NextDouble() * 2 - 1) * toxic.Jitter);
            var due = chunk.Timestamp + PreciseDelay.MillisecondsToTicks(delay);
            var onTime = await PreciseDelay.UntilAsync(due, Interrupted);
            await next.WriteAsync(chunk with { Timestamp = onTime ? due : Stopwatch.GetTimestamp() });
        }
    }
}
