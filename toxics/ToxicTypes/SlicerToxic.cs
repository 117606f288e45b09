using System.Diagnostics;
using System.Text.Json.Serialization;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary><c>slicer</c>: cuts every chunk into slices of <c>average_size</c> ± <c>size_variation</c> bytes and
/// sends them <c>delay</c> microseconds apart, as a congested network delivers small segments.</summary>
internal sealed record SlicerToxic : Toxic
{
    [JsonPropertyName("average_size")]
    public int AverageSize { get; init; }

    [JsonPropertyName("size_variation")]
    public int SizeVariation { get; init; }

    [JsonPropertyName("delay")]
    public long Delay { get; init; }

    public override string? Validate()
    {
        if (AverageSize < 1)
        {
            return "average_size must be at least 1";
        }

        if (SizeVariation < 0 || SizeVariation >= AverageSize)
        {
            return "size_variation must be at least 0 and smaller than average_size";
        }

        return Duration("delay", Delay);
    }

    public override ToxicStage CreateStage(StageContext context) => new Stage(this, context);

    private sealed class Stage(SlicerToxic toxic, StageContext context) : ToxicStage(context)
    {
        public override async ValueTask PipeAsync(Chunk chunk, IChunkSink next)
        {
            var data = chunk.Data;
            var gap = TimeSpan.FromMicroseconds(toxic.Delay);
            while (!data.IsEmpty)
            {
                var size = toxic.AverageSize + Context.Random.Next(-toxic.SizeVariation, toxic.SizeVariation + 1);
                var slice = data[..Math.Clamp(size, 1, data.Length)];
                await next.WriteAsync(chunk with { Data = slice });
                data = data[slice.Length..];
                if (data.IsEmpty)
                {
                    return;
                }

                if (!await PreciseDelay.ForAsync(gap, Interrupted))
                {
                    await next.WriteAsync(new Chunk(data, Stopwatch.GetTimestamp()));
                    return;
                }
            }
        }
    }
}
