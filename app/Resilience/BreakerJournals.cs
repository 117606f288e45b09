namespace Resilience.App.Resilience;

/// <summary>One <see cref="BreakerJournal"/> per dependency, created up front so the status endpoint lists all three.</summary>
public sealed class BreakerJournals(TimeProvider clock, ILoggerFactory loggers)
{
    private readonly Dictionary<string, BreakerJournal> _journals = Dependency.All.ToDictionary(
        name => name,
        name => new BreakerJournal(name, clock, loggers.CreateLogger("Resilience.App.Breakers")),
        StringComparer.Ordinal);

    public BreakerJournal For(string dependency) => _journals[dependency];

    public IEnumerable<BreakerJournal> All => Dependency.All.Select(For);
}
