using System.Net;
using System.Net.Sockets;
using Resilience.Fixtures.Environment;
using Resilience.Fixtures.Faults;
using Resilience.Fixtures.Measures;
using Resilience.Fixtures.Observers;
using Resilience.Fixtures.Services;
using Resilience.Tests.Harness.App;

namespace Resilience.Tests.Harness.Services;

/// <summary>
/// An ASP.NET Core service hosted in the test process (<see cref="ServiceCommand.InProcess{TEntryPoint}"/>): real
/// Kestrel on loopback, its database reached through the proxy, its breaker read from Polly's meter.
/// </summary>
public sealed class InProcessServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_service_answers_on_a_loopback_socket_and_reads_its_database_through_the_proxy()
    {
        await using var stack = await StartAsync();
        using var client = stack.Service.CreateClient(TimeSpan.FromSeconds(5));

        stack.AppAddress.Host.Should().Be("127.0.0.1");
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, stack.AppAddress.Port, TestContext.Current.CancellationToken);
        }

        (await client.GetAsync("/query", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.OK);
        await stack.Proxies["demo-db"].DisableAsync(TestContext.Current.CancellationToken);
        var refused = await client.GetAsync("/query", TestContext.Current.CancellationToken);
        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the only way to the database is the disabled proxy");
        File.ReadAllText(stack.Service.LogPath).Should().Contain("demo service reads its database through 127.0.0.1", "the service's log records go to its log file");
    }

    [Fact]
    public async Task Its_breaker_opens_and_closes_again_as_pollys_meter_reports_it()
    {
        await using var stack = await StartAsync();
        using var client = stack.Service.CreateClient(TimeSpan.FromSeconds(5));
        await using var breakers = stack.CreateBreakerSource(client);
        breakers.Should().BeOfType<PollyMeterBreakerSource>("an in-process service's breakers are read from Polly's meter by default");
        await breakers.StartAsync(TestContext.Current.CancellationToken);

        var down = await Faults.Down("demo-db").InjectAsync(
            new FaultContext(stack.Toxiproxy, stack.Dependencies, new Random(1)), TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(() => StateAfterQueryAsync(client, breakers), state => state == BreakerStates.Open, Patience, "open while demo-db is down");
        await down.DisposeAsync();
        await Eventually.UntilAsync(() => StateAfterQueryAsync(client, breakers), state => state == BreakerStates.Closed, Patience, "closed once demo-db is back");

        breakers.Transitions.Select(transition => (transition.Breaker, transition.To)).Should().ContainInOrder(
            ("demo-db", BreakerStates.Open), ("demo-db", BreakerStates.HalfOpen), ("demo-db", BreakerStates.Closed));
    }

    [Fact]
    public async Task Process_faults_are_refused_saying_that_the_service_runs_in_process()
    {
        await using var stack = await StartAsync();

        stack.Service.SupportsProcessControl.Should().BeFalse();
        stack.Service.ProcessId.Should().BeNull();
        stack.Invoking(s => s.Service.Kill()).Should().Throw<NotSupportedException>().WithMessage("*test host's process*DotnetProject*");
    }

    private static async Task<string?> StateAfterQueryAsync(HttpClient client, IBreakerSource breakers)
    {
        using var _ = await client.GetAsync("/query", TestContext.Current.CancellationToken);
        return breakers.CurrentStates.GetValueOrDefault("demo-db");
    }

    private static async Task<ServiceStack> StartAsync()
    {
        try
        {
            return await ServiceStack.StartNewAsync(
                service => service
                    .WithName("web-demo")
                    .WithCommand(ServiceCommand.InProcess<Program>())
                    .WithPostgres("demo-db", "Demo:Database")
                    .WithSetting("Demo:BreakMs", "500")
                    .WithReadiness("/ready"),
                TestContext.Current.CancellationToken);
        }
        catch (EnvironmentUnavailableException e) when (System.Environment.GetEnvironmentVariable(EnvironmentVariableNames.ContinuousIntegration) != "true")
        {
            Assert.Skip(e.Message);
            throw;
        }
    }
}
