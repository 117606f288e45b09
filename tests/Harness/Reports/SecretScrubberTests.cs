using Resilience.Load.Records;
using Resilience.Reports.Scrubbing;

namespace Resilience.Tests.Harness.Reports;

public sealed class SecretScrubberTests : IDisposable
{
    private const string PostgresPassword = "pg-S3cret-5f1c9a";
    private const string RedisPassword = "redis-S3cret-77b2e0";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Username=app;Password=pg-S3cret-5f1c9a;Database=orders", "Host=127.0.0.1;Port=5432;Username=app;Password=***;Database=orders")]
    [InlineData("Host=db;PWD='pg;S3cret';Database=orders", "Host=db;PWD='***';Database=orders")]
    [InlineData("127.0.0.1:6379,password=redis-S3cret-77b2e0,abortConnect=false", "127.0.0.1:6379,password=***,abortConnect=false")]
    [InlineData("postgres://app:pg-S3cret-5f1c9a@db:5432/orders", "postgres://app:***@db:5432/orders")]
    [InlineData("redis://:redis-S3cret-77b2e0@cache:6379/0", "redis://:***@cache:6379/0")]
    [InlineData("PGPASSWORD=pg-S3cret-5f1c9a psql -h db", "PGPASSWORD=*** psql -h db")]
    [InlineData("REDIS_PASSWORD: redis-S3cret-77b2e0", "REDIS_PASSWORD: ***")]
    [InlineData("{\"password\":\"pg-S3cret-5f1c9a\",\"user\":\"app\"}", "{\"password\":\"***\",\"user\":\"app\"}")]
    [InlineData("redis-server --port 6380 --requirepass redis-S3cret-77b2e0 --save ''", "redis-server --port 6380 --requirepass *** --save ''")]
    [InlineData("AUTH redis-S3cret-77b2e0", "AUTH ***")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", "Authorization: Bearer ***")]
    public void Secrets_in_known_shapes_are_masked(string text, string expected) =>
        SecretScrubber.PatternsOnly.Scrub(text).Should().Be(expected);

    [Theory]
    [InlineData("p(95) < 200ms")]
    [InlineData("Chaos.Redis_password_rotation_keeps_serving")]
    [InlineData("http://127.0.0.1:8080/orders?page=2&size=50")]
    [InlineData("tokens: 12, passed: true")]
    [InlineData("RESILIENCE_SEED=4242 dotnet test --project tests/Chaos")]
    public void Ordinary_text_is_left_alone(string text) => SecretScrubber.PatternsOnly.Scrub(text).Should().Be(text);

    [Fact]
    public void A_known_secret_is_masked_wherever_it_stands()
    {
        var scrubber = new SecretScrubber([PostgresPassword]);

        scrubber.Scrub($"authentication failed ({PostgresPassword}) for user app").Should().Be("authentication failed (***) for user app");
    }

    [Fact]
    public void The_environment_yields_password_variables_and_the_passwords_inside_connection_strings()
    {
        var secrets = EnvironmentSecrets.From(new Dictionary<string, string>
        {
            ["RESILIENCE_POSTGRES"] = $"Host=127.0.0.1;Port=5432;Password={PostgresPassword}",
            ["RESILIENCE_REDIS"] = $"127.0.0.1:6379,password={RedisPassword}",
            ["POSTGRES_PASSWORD"] = "env-pass-0a9d",
            ["PWD"] = "/work/wt/reports",
            ["RESILIENCE_APP_URL"] = "http://127.0.0.1:8080",
        });

        secrets.Should().BeEquivalentTo([PostgresPassword, RedisPassword, "env-pass-0a9d"]);
    }

    [Fact]
    public async Task No_secret_reaches_any_file_of_the_report()
    {
        var output = await ReportGeneration.GenerateAsync(_folder, [LeakyRun()],
            scrubber: new SecretScrubber([PostgresPassword, RedisPassword]));

        var files = Directory.GetFiles(output.Directory, "*", SearchOption.AllDirectories);
        files.Select(Path.GetFileName).Should().Contain(["report.json", "report.md", "report.html", "report.schema.json"]);
        files.Should().Contain(file => file.EndsWith(".csv"));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            text.Should().NotContain(PostgresPassword, "{0} must not carry the PostgreSQL password", Path.GetFileName(file));
            text.Should().NotContain(RedisPassword, "{0} must not carry the Redis password", Path.GetFileName(file));
        }

        File.ReadAllText(output.MarkdownPath).Should().Contain("Password=\\*\\*\\*", "the failure is still shown, masked");
        output.Report.Scenarios.Single().Timeline[9].ErrorsByKind.Keys.Should().Contain("auth password=***");
    }

    // A failing run whose every text field carries a secret, as a careless suite or exception message would.
    private static RunRecord LeakyRun()
    {
        var run = SampleRuns.RedisDownRun(failure:
            $"Npgsql failed: Host=127.0.0.1;Password={PostgresPassword};Database=orders\nredis: 127.0.0.1:6379,password={RedisPassword}");
        var timeline = run.Timeline.ToList();
        timeline[9] = timeline[9] with { ErrorsByKind = new Dictionary<string, long> { [$"auth password={RedisPassword}"] = 2 } };
        return run with
        {
            Checks = [.. run.Checks, new($"connect with password={PostgresPassword}", false, $"Password={PostgresPassword}", $"rejected {PostgresPassword}")],
            Annotations = [.. run.Annotations, new("fault", $"redis-server --requirepass {RedisPassword} killed", $"redis://:{RedisPassword}@redis", run.StartedAt.AddSeconds(3), null)],
            Measures = new Dictionary<string, double?>(run.Measures) { [$"token={PostgresPassword}"] = 1 },
            ReplayCommand = $"RESILIENCE_POSTGRES='Host=127.0.0.1;Password={PostgresPassword}' dotnet test",
            Timeline = timeline,
        };
    }
}
