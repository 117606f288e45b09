using System.Text.Json.Serialization;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary><c>limit_data</c>: lets <c>bytes</c> bytes through on this stream, then closes the connection. The
/// count belongs to the connection and survives updates of the toxic.</summary>
internal sealed record LimitDataToxic : Toxic
{
    [JsonPropertyName("bytes")]
    public long Bytes { get; init; }

    public override string? Validate() => NotNegative("bytes", Bytes);

    public override ToxicStage CreateStage(StageContext context) => new Stage(this, context);

    private sealed class Stage(LimitDataToxic toxic, StageContext context) : ToxicStage(context)
    {
        private long transmitted = (context.Previous as Stage)?.transmitted ?? 0;

        public override async ValueTask PipeAsync(Chunk chunk, IChunkSink next)
        {
            var allowed = toxic.Bytes - transmitted;
            if (allowed > 0)
            {
                var passed = chunk.Data[..(int)Math.Min(allowed, chunk.Length)];
                await next.WriteAsync(chunk with { Data = passed });
                transmitted += passed.Length;
            }

            if (transmitted >= toxic.Bytes)
            {
                Context.Link.Close();
            }
        }
    }
}
