namespace Resilience.Load.Records;

/// <summary>One judged requirement of a run: a threshold, an SLA bound, a ledger or breaker check.</summary>
/// <param name="Name">The requirement as written, e.g. "p(95) &lt; 200ms" or "no lost writes".</param>
/// <param name="Passed">Whether the run met it.</param>
/// <param name="Expected">What the requirement asks for, human readable.</param>
/// <param name="Actual">What the run measured, human readable.</param>
public sealed record CheckResult(string Name, bool Passed, string Expected, string Actual);
