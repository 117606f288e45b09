using System.Text.Json.Serialization;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary><c>slow_close</c>: when the source closes its side, the close reaches the destination only
/// <c>delay</c> milliseconds later. Data passes untouched.</summary>
internal sealed record SlowCloseToxic : Toxic
{
    [JsonPropertyName("delay")]
    public long Delay { get; init; }

    public override string? Validate() => Duration("delay", Delay);

    public override ToxicStage CreateStage(StageContext context) => new Stage(this, context);

    private sealed class Stage(SlowCloseToxic toxic, StageContext context) : ToxicStage(context)
    {
        public override ValueTask PipeAsync(Chunk chunk, IChunkSink next) => next.WriteAsync(chunk);

        public override async ValueTask EndAsync(IChunkSink next)
        {
            await PreciseDelay.ForAsync(TimeSpan.FromMilliseconds(toxic.Delay), Interrupted);
            await next.EndAsync();
        }
    }
}
