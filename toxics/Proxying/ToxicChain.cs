using Resilience.Toxics.ToxicTypes;

namespace Resilience.Toxics.Proxying;

/// <summary>
/// An immutable snapshot of the stages one link sends its chunks through, ending at the destination socket.
/// A link swaps in a new snapshot when its toxics change; a chunk already on its way finishes through the snapshot
/// it started in, skipping stages that were interrupted meanwhile, so order is kept and nothing is lost.
/// </summary>
internal sealed class ToxicChain
{
    private readonly IChunkSink head;

    public ToxicChain(IReadOnlyList<ToxicStage> stages, IChunkSink destination)
    {
        Stages = stages;
        head = destination;
        for (var index = stages.Count - 1; index >= 0; index--)
        {
            head = new StageSink(stages[index], head);
        }
    }

    public IReadOnlyList<ToxicStage> Stages { get; }

    public bool IsEmpty => Stages.Count == 0;

    public ValueTask WriteAsync(Chunk chunk) => head.WriteAsync(chunk);

    public ValueTask EndAsync() => head.EndAsync();

    private sealed class StageSink(ToxicStage stage, IChunkSink next) : IChunkSink
    {
        public ValueTask WriteAsync(Chunk chunk) => stage.IsInterrupted ? next.WriteAsync(chunk) : stage.PipeAsync(chunk, next);

        public ValueTask EndAsync() => stage.IsInterrupted ? next.EndAsync() : stage.EndAsync(next);
    }
}
