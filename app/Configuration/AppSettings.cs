namespace Resilience.App.Configuration;

/// <summary>Every setting of the app, read once at start-up; immutable afterwards.</summary>
public sealed record AppSettings(
    string PostgresConnectionString,
    string RedisConfiguration,
    PostgresSettings Postgres,
    RedisSettings Redis,
    ExternalSettings External,
    ResilienceSettings Resilience)
{
    public static AppSettings Load(IConfiguration configuration)
    {
        var settings = new AppSettings(
            configuration.GetConnectionString("Postgres") ?? "",
            configuration.GetConnectionString("Redis") ?? "",
            Bind<PostgresSettings>(configuration, PostgresSettings.Section),
            Bind<RedisSettings>(configuration, RedisSettings.Section),
            Bind<ExternalSettings>(configuration, ExternalSettings.Section),
            Bind<ResilienceSettings>(configuration, ResilienceSettings.Section));
        var problems = SettingsValidation.Problems(settings);
        if (problems.Count > 0)
        {
            throw new InvalidSettingsException(problems);
        }
        return settings;
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var value = new T();
        configuration.GetSection(section).Bind(value, o => o.ErrorOnUnknownConfiguration = true);
        return value;
    }
}

public sealed class InvalidSettingsException(IReadOnlyList<string> problems)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
