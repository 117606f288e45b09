using Resilience.Toxics.Proxying;

namespace Resilience.Toxics.ToxicTypes;

/// <summary>What a stage may use: its link's controls, a per-link random source, its interruption token, and the
/// stage it replaces (a toxic updated on a live connection keeps its per-connection state).</summary>
internal sealed record StageContext(ILinkControl Link, Random Random, CancellationToken Interrupted, ToxicStage? Previous);

/// <summary>The connection-level actions a toxic may take.</summary>
internal interface ILinkControl
{
    /// <summary>Closes both sides of the connection gracefully (FIN), after what was already forwarded.</summary>
    void Close();

    /// <summary>Aborts both sides of the connection with a TCP RST (linger 0).</summary>
    void Reset();
}
