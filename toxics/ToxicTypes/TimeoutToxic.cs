using System.Text.Json.Serialization;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary><c>timeout</c>: a black hole. No data gets through (it is discarded) and the connection is closed
/// <c>timeout</c> milliseconds after the toxic took hold; with 0 it stays open, silently, until the toxic is
/// removed. As in Toxiproxy, the source closing its side closes the whole connection.</summary>
internal sealed record TimeoutToxic : Toxic
{
    [JsonPropertyName("timeout")]
    public long Timeout { get; init; }

    public override string? Validate() => Duration("timeout", Timeout);

    public override ToxicStage CreateStage(StageContext context) => new Stage(this, context);

    private sealed class Stage(TimeoutToxic toxic, StageContext context) : ToxicStage(context)
    {
        public override void Start()
        {
            if (toxic.Timeout > 0)
            {
                _ = CloseWhenDueAsync();
            }
        }

        public override ValueTask PipeAsync(Chunk chunk, IChunkSink next) => ValueTask.CompletedTask;

        public override ValueTask EndAsync(IChunkSink next)
        {
            Context.Link.Close();
            return ValueTask.CompletedTask;
        }

        private async Task CloseWhenDueAsync()
        {
            if (await PreciseDelay.ForAsync(TimeSpan.FromMilliseconds(toxic.Timeout), Interrupted))
            {
                Context.Link.Close();
            }
        }
    }
}
