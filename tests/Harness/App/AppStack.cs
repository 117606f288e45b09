using Resilience.Reference.Stack;

namespace Resilience.Tests.Harness.App;

/// <summary>
/// The stack most app tests share (one collection, so one start): breakers that close one second after a fault
/// ends, and cached copies that are never fresh, so every read asks PostgreSQL and the stale fallback is
/// exercised at once. Tests that inject faults restore it afterwards (<see cref="StackHealth.RestoreAsync"/>).
/// </summary>
public sealed class AppStack : StackFixture
{
    public const int BreakDurationMs = 1000;

    protected override ResilienceStackBuilder Configure(ResilienceStackBuilder stack) => stack.WithApp(FastRecovery);

    public static AppUnderTestBuilder FastRecovery(AppUnderTestBuilder app) => app
        .WithSetting("Redis:FreshForMs", "0")
        .WithSetting("Resilience:Postgres:CircuitBreaker:BreakDurationMs", $"{BreakDurationMs}")
        .WithSetting("Resilience:Redis:CircuitBreaker:BreakDurationMs", $"{BreakDurationMs}")
        .WithSetting("Resilience:External:CircuitBreaker:BreakDurationMs", $"{BreakDurationMs}");
}

[CollectionDefinition(Name)]
public sealed class AppStackCollection : ICollectionFixture<AppStack>
{
    public const string Name = "app stack";
}
