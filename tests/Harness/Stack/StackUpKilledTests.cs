using Resilience.Fixtures.Environment;
using Resilience.Tests.Harness.App;

namespace Resilience.Tests.Harness.Stack;

/// <summary>
/// A host killed with SIGKILL runs no cleanup code: its servers must die with it, as Ryuk removes a dead
/// session's containers, instead of running until the next run reaps them.
/// </summary>
public sealed class StackUpKilledTests
{
    private static readonly TimeSpan GoneWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Kill_9_of_the_host_takes_its_postgres_redis_and_app_with_it_within_10_s()
    {
        await using var cli = StackCliProcess.Start();
        if (await cli.WaitUntilUpAsync() is null)
        {
            Assert.Skip(cli.Console);
        }

        var processes = cli.RecordedProcesses();
        processes.Select(process => process.Name).Should().Contain(["postgres", "redis", "app"]);
        processes.Should().OnlyContain(process => process.IsAlive);
        var environments = cli.HarnessRoot.EnvironmentDirectories().ToList();
        ServerProcessesIn(environments).Should().NotBeEmpty("PostgreSQL's backends and the servers work inside the environment");

        cli.Process.Kill(entireProcessTree: false);

        var left = await Eventually.UntilAsync(
            () => Task.FromResult(string.Join(", ", processes.Where(process => process.IsAlive).Select(process => $"{process.Name} ({process.Pid})")
                .Concat(ServerProcessesIn(environments).Select(pid => $"pid {pid} ({ProcFs.ReadStat(pid)?.State})")))),
            remaining => remaining.Length == 0,
            GoneWithin,
            "every server of the killed host gone");
        left.Should().BeEmpty();
    }

    private static IReadOnlyList<int> ServerProcessesIn(IEnumerable<string> environments) =>
        environments.SelectMany(ProcFs.ProcessesWorkingInside).ToList();
}
