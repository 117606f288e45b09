using System.Diagnostics;
using System.Text.Json.Serialization;
using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary><c>bandwidth</c>: at most <c>rate</c> KB/s pass (1 KB = 1000 bytes, as in Toxiproxy). Large chunks go
/// out in slices of 100 ms worth of data. A rate of 0 lets nothing through until the toxic is changed.</summary>
internal sealed record BandwidthToxic : Toxic
{
    [JsonPropertyName("rate")]
    public long Rate { get; init; }

    public override string? Validate() =>
        Rate is < 0 or > 1_000_000_000 ? "rate must be between 0 and 1000000000 (KB/s)" : null;

    public override ToxicStage CreateStage(StageContext context) => new Stage(this, context);

    private sealed class Stage(BandwidthToxic toxic, StageContext context) : ToxicStage(context)
    {
        // When the link may send again: each slice is charged before it leaves, so N bytes take N / rate.
        private long clock;

        public override async ValueTask PipeAsync(Chunk chunk, IChunkSink next)
        {
            var data = chunk.Data;
            if (toxic.Rate == 0)
            {
                await PreciseDelay.UntilAsync(PreciseDelay.Forever, Interrupted);
                await next.WriteAsync(chunk with { Timestamp = Stopwatch.GetTimestamp() });
                return;
            }

            var bytesPerSecond = toxic.Rate * 1000;
            var sliceBytes = (int)Math.Min(int.MaxValue, Math.Max(1, bytesPerSecond / 10));
            var due = Math.Max(clock, chunk.Timestamp);
            while (!data.IsEmpty)
            {
                var slice = data[..Math.Min(data.Length, sliceBytes)];
                due += slice.Length * Stopwatch.Frequency / bytesPerSecond;
                if (!await PreciseDelay.UntilAsync(due, Interrupted))
                {
                    await next.WriteAsync(new Chunk(data, Stopwatch.GetTimestamp()));
                    return;
                }

                await next.WriteAsync(new Chunk(slice, due));
                data = data[slice.Length..];
            }

            clock = due;
        }
    }
}
