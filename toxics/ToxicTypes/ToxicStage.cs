using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary>
/// A toxic at work on one direction of one connection: it receives every chunk in order and decides what reaches
/// the next stage, and when.
/// </summary>
/// <remarks>
/// The rule of Toxiproxy holds here too: never drop data on the floor. When the toxic is removed or updated on a
/// live connection, <see cref="Interrupted"/> fires; a stage holding a chunk must then forward it at once, and once
/// interrupted the stage is skipped for whatever is still in flight. Only toxics whose purpose is to lose data
/// (timeout, packet_loss, limit_data, reset_peer) discard bytes.
/// </remarks>
internal abstract class ToxicStage(StageContext context)
{
    protected StageContext Context { get; } = context;

    /// <summary>Fires when this stage is taken out of the link (toxic removed, updated, or connection gone).</summary>
    public CancellationToken Interrupted => Context.Interrupted;

    public bool IsInterrupted => Context.Interrupted.IsCancellationRequested;

    /// <summary>Called once when the stage joins a live link; timers that act without traffic start here.</summary>
    public virtual void Start()
    {
    }

    /// <summary>The pipe: handle one chunk, forwarding zero or more chunks to <paramref name="next"/>.</summary>
    public abstract ValueTask PipeAsync(Chunk chunk, IChunkSink next);

    /// <summary>The source closed its side; by default the end passes straight on.</summary>
    public virtual ValueTask EndAsync(IChunkSink next) => next.EndAsync();
}
