using System.Text.Json;
using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Environment;

public sealed class OrphanReaperTests
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Servers_left_behind_by_a_killed_test_host_are_reaped_by_the_next_start()
    {
        using var root = new PrivateHarnessRoot();
        TestEnvironment.RequireLocalServers(root.Settings());
        using var testHost = new StandInProcess();
        var orphan = root.Builder().WithOwner(testHost.Identity).Build();
        await orphan.StartAsync(Cancellation);
        var orphanProcesses = (await Observed.PostgresProcessesAsync(orphan)).Concat(Observed.RecordedProcesses(orphan)).ToList();
        var orphanDirectory = orphan.Processes.DirectoryPath;

        testHost.KillHard();
        orphanProcesses.Should().HaveCountGreaterThan(3).And.OnlyContain(process => process.IsAlive, "nobody stopped them when their host died");

        await using var next = await TestEnvironment.StartIsolatedAsync(_ => root.Builder());

        next.ReapedOrphans.Should().ContainSingle().Which.Should().Match<ReapedEnvironment>(reaped => reaped.EnvironmentId == orphan.Id);
        next.ReapedOrphans[0].StoppedProcesses.Select(process => process.Name).Should().BeEquivalentTo(["postgres", "redis"]);
        orphanProcesses.Where(process => process.IsAlive).Should().BeEmpty();
        Directory.Exists(orphanDirectory).Should().BeFalse();
        Directory.Exists(next.Processes.DirectoryPath).Should().BeTrue();
        await orphan.DisposeAsync(); // The stale handle of a reaped environment disposes quietly.
    }

    [Fact]
    public async Task A_recorded_pid_that_now_belongs_to_another_process_is_not_killed()
    {
        using var root = new PrivateHarnessRoot();
        using var testHost = new StandInProcess();
        using var ownChild = new StandInProcess();
        using var unrelated = new StandInProcess();
        var registry = root.Root.CreateEnvironment(testHost.Identity);
        registry.Register(ownChild.Process, "stub", "/bin/sleep");
        // As if the environment's "app" died and the kernel gave its PID to an unrelated process: same PID, other start time.
        var reusedRecord = registry.Register(unrelated.Process, "app", "/bin/sleep");
        File.WriteAllText(
            Directory.GetFiles(registry.DirectoryPath, $"app-{unrelated.Process.Id}.json", SearchOption.AllDirectories).Single(),
            JsonSerializer.Serialize(reusedRecord with { StartTime = reusedRecord.StartTime + 1 }));
        testHost.KillHard();

        var reaped = await OrphanReaper.ReapAsync(root.Root);

        reaped.Should().ContainSingle().Which.StoppedProcesses.Select(process => process.Pid).Should().Equal(ownChild.Process.Id);
        ownChild.HasExitedWithin(ExitWait).Should().BeTrue();
        unrelated.HasExitedWithin(TimeSpan.Zero).Should().BeFalse("its start time does not match the record");
        Directory.Exists(registry.DirectoryPath).Should().BeFalse();
    }

    [Fact]
    public async Task An_environment_whose_test_host_still_runs_is_left_alone_until_disposed()
    {
        using var root = new PrivateHarnessRoot();
        using var testHost = new StandInProcess();
        using var child = new StandInProcess();
        var registry = root.Root.CreateEnvironment(testHost.Identity);
        registry.Register(child.Process, "stub", "/bin/sleep");

        var reaped = await OrphanReaper.ReapAsync(root.Root);

        reaped.Should().BeEmpty();
        child.HasExitedWithin(TimeSpan.Zero).Should().BeFalse();
        root.Root.EnvironmentDirectories().Should().Equal(registry.DirectoryPath);

        await registry.DisposeAsync();

        child.HasExitedWithin(ExitWait).Should().BeTrue("disposing stops every registered process");
        Directory.Exists(registry.DirectoryPath).Should().BeFalse();
        Directory.Exists(root.Directory).Should().BeFalse("the root goes with its last environment, leaving nothing in /dev/shm");
    }

    [Fact]
    public async Task The_root_stays_while_another_environment_lives_in_it()
    {
        using var root = new PrivateHarnessRoot();
        var first = root.Root.CreateEnvironment();
        var second = root.Root.CreateEnvironment();

        await first.DisposeAsync();
        Directory.Exists(root.Directory).Should().BeTrue("the second environment still lives in it");

        await second.DisposeAsync();
        Directory.Exists(root.Directory).Should().BeFalse();
    }
}
