using Docker.DotNet;
using Docker.DotNet.Models;
using Resilience.Fixtures.Environment;
using StackExchange.Redis;

namespace Resilience.Tests.Harness.Environment;

/// <summary>
/// The containers provider on a real Docker engine, with the images <c>RESILIENCE_POSTGRES_IMAGE</c> and
/// <c>RESILIENCE_REDIS_IMAGE</c> name (scripts/test.sh starts an engine and builds them offline). Without them the
/// tests are skipped, naming what is missing.
/// </summary>
public sealed class ContainerProviderTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgreSQL_answers_on_loopback_and_a_crash_is_docker_kill_with_a_restart_on_the_same_port_that_keeps_committed_rows()
    {
        using var root = new PrivateHarnessRoot();
        await using var environment = await StartAsync(root, postgres => postgres.WithCrashSafeCommits());
        var postgres = environment.Postgres;
        var endpoint = postgres.Endpoint;

        environment.Provider.Should().Be(EnvironmentProvider.Containers);
        endpoint.Host.Should().Be("127.0.0.1");
        await Sql.ExecuteAsync(endpoint, "CREATE TABLE acknowledged (id int PRIMARY KEY); INSERT INTO acknowledged VALUES (1), (2), (3)");

        postgres.Kill();
        postgres.State.Should().Be(ServerProcessState.Killed);
        (await ContainerStateAsync(endpoint.Port)).Should().Be("exited", "docker kill ends the container's main process");
        await postgres.RestartAsync(Cancellation);

        postgres.Endpoint.Port.Should().Be(endpoint.Port, "the proxies point at this port");
        (await Sql.ScalarAsync<long>(postgres.Endpoint, "SELECT count(*) FROM acknowledged")).Should().Be(3, "committed rows survive the crash");
    }

    [Fact]
    public async Task A_Redis_freeze_is_docker_pause_and_answers_again_after_resume()
    {
        using var root = new PrivateHarnessRoot();
        await using var environment = await StartAsync(root);
        var options = ConfigurationOptions.Parse(environment.Redis.Endpoint.ConfigurationString);
        options.AbortOnConnectFail = false;
        options.SyncTimeout = options.AsyncTimeout = 500;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        await redis.GetDatabase().StringSetAsync("key", "value");

        await environment.Redis.PauseAsync(Cancellation);

        (await ContainerStateAsync(environment.Redis.Endpoint.Port)).Should().Be("paused");
        await redis.GetDatabase().Awaiting(database => database.StringGetAsync("key")).Should().ThrowAsync<RedisTimeoutException>("a paused Redis answers nothing");
        await environment.Redis.ResumeAsync(Cancellation);
        ((string?)await redis.GetDatabase().StringGetAsync("key")).Should().Be("value");
    }

    [Fact]
    public async Task The_reaper_removes_a_container_whose_owner_process_is_gone_and_keeps_one_whose_owner_runs()
    {
        await SkipUnlessReadyAsync();
        using var client = CreateClient();
        var orphan = await CreateLabelledAsync(client, ownerPid: DeadPid(), ownerStart: "0");
        var owned = await CreateLabelledAsync(client, ContainerReaper.OwnerLabels[ContainerReaper.OwnerPidLabel], ContainerReaper.OwnerLabels[ContainerReaper.OwnerStartLabel]);
        // The image declares a volume (/data), so each container has an anonymous one that must go with it.
        var orphanVolumes = await VolumesOfAsync(client, orphan.Id);
        orphanVolumes.Should().NotBeEmpty("the Redis image declares /data a volume");
        try
        {
            var reaped = await ContainerReaper.ReapAsync(client, Cancellation);

            reaped.Should().Contain(orphan.Name).And.NotContain(owned.Name);
            (await ExistsAsync(client, orphan.Id)).Should().BeFalse();
            (await ExistsAsync(client, owned.Id)).Should().BeTrue("its owner, this test host, is running");
            var volumes = await client.Volumes.ListAsync(Cancellation);
            (volumes.Volumes ?? []).Select(volume => volume.Name).Should().NotIntersectWith(orphanVolumes, "a reaped container's volumes are removed with it");
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(owned.Id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None);
        }
    }

    private static async Task<ResilienceEnvironment> StartAsync(PrivateHarnessRoot root, Func<PostgresServerBuilder, PostgresServerBuilder>? postgres = null)
    {
        await SkipUnlessReadyAsync();
        var builder = root.Builder(EnvironmentProvider.Containers);
        return await TestEnvironment.StartIsolatedAsync(_ => postgres is null ? builder : builder.WithPostgres(postgres));
    }

    private static Task SkipUnlessReadyAsync() =>
        ContainerPrerequisites.RequireAsync(EnvironmentVariableNames.PostgresImage, EnvironmentVariableNames.RedisImage);

    private static async Task<string> ContainerStateAsync(int hostPort)
    {
        using var client = CreateClient();
        var port = hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, Cancellation);
        foreach (var candidate in containers.Where(candidate => candidate.Labels.ContainsKey(ContainerReaper.OwnerPidLabel)))
        {
            var inspected = await client.Containers.InspectContainerAsync(candidate.ID, Cancellation);
            if (inspected.HostConfig?.PortBindings?.Values.Any(bindings => bindings?.Any(binding => binding.HostPort == port) == true) == true)
            {
                return inspected.State?.Status ?? "unknown";
            }
        }

        throw new InvalidOperationException($"No container of the harness is bound to port {hostPort}.");
    }

    private static DockerClient CreateClient() => DockerClients.Create(null);

    private static async Task<(string Id, string Name)> CreateLabelledAsync(DockerClient client, string ownerPid, string ownerStart)
    {
        var name = "resilience-reaper-test-" + Guid.NewGuid().ToString("N")[..8];
        var created = await client.Containers.CreateContainerAsync(
            new CreateContainerParameters
            {
                Image = System.Environment.GetEnvironmentVariable(EnvironmentVariableNames.RedisImage) ?? "redis",
                Name = name,
                Labels = new Dictionary<string, string> { [ContainerReaper.OwnerPidLabel] = ownerPid, [ContainerReaper.OwnerStartLabel] = ownerStart },
            },
            Cancellation);
        return (created.ID, name);
    }

    private static async Task<IReadOnlyList<string>> VolumesOfAsync(DockerClient client, string id)
    {
        var inspected = await client.Containers.InspectContainerAsync(id, Cancellation);
        return [.. (inspected.Mounts ?? []).Where(mount => mount.Type == "volume" && mount.Name is not null).Select(mount => mount.Name!)];
    }

    private static async Task<bool> ExistsAsync(DockerClient client, string id)
    {
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, Cancellation);
        return containers.Any(container => container.ID == id);
    }

    // A pid no process has: above the kernel's pid_max.
    private static string DeadPid() => (int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), System.Globalization.CultureInfo.InvariantCulture) + 1)
        .ToString(System.Globalization.CultureInfo.InvariantCulture);
}
