using Resilience.Toxics.ToxicTypes;

namespace Resilience.Toxics.Proxying;

/// <summary>
/// One toxic on one link: the definition it was built from and, when the toxicity roll chose this link, the
/// running stage. The roll is made once per definition, so unrelated toxic changes do not re-roll it.
/// </summary>
internal sealed class StageSlot
{
    private readonly CancellationTokenSource? interruption;

    private StageSlot(ToxicDefinition definition, ToxicStage? stage, CancellationTokenSource? interruption)
    {
        Definition = definition;
        Stage = stage;
        this.interruption = interruption;
    }

    public ToxicDefinition Definition { get; }

    /// <summary>Null when the toxicity roll left this link alone.</summary>
    public ToxicStage? Stage { get; }

    public static StageSlot Roll(ToxicDefinition definition, ILinkControl link, Random linkRandom, ToxicStage? previous)
    {
        // NextDouble is in [0, 1): toxicity 0 never applies, 1 always does.
        if (linkRandom.NextDouble() >= definition.Toxicity)
        {
            return new StageSlot(definition, null, null);
        }

        var interruption = new CancellationTokenSource();
        var context = new StageContext(link, new Random(linkRandom.Next()), interruption.Token, previous);
        return new StageSlot(definition, definition.Attributes.CreateStage(context), interruption);
    }

    public void Interrupt() => interruption?.Cancel();
}
