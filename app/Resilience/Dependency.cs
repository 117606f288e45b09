namespace Resilience.App.Resilience;

/// <summary>The app's three dependencies; the names key the Polly pipelines, breakers and metrics.</summary>
public static class Dependency
{
    public const string Postgres = "postgres";
    public const string Redis = "redis";
    public const string Pricing = "pricing";

    public static readonly IReadOnlyList<string> All = [Postgres, Redis, Pricing];
}
