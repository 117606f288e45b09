using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using StackExchange.Redis;

namespace Resilience.Tests.Harness.Stack;

/// <summary>Ctrl+C on <c>resilience-stack up</c> stops and removes everything, and its console never shows a secret.</summary>
public sealed class StackUpShutdownTests
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Ctrl_C_stops_the_stack_removes_the_env_file_and_leaves_no_process_or_port_and_no_password_was_printed()
    {
        await using var cli = StackCliProcess.Start();
        var variables = await cli.WaitUntilUpAsync();
        if (variables is null)
        {
            Assert.Skip(cli.Console);
        }

        var processes = cli.RecordedProcesses();
        processes.Select(process => process.Name).Should().Contain(["postgres", "redis", "app"]);
        processes.Should().OnlyContain(process => process.IsAlive);
        var app = new Uri(variables["RESILIENCE_APP_URL"]);
        var passwords = new[]
        {
            new NpgsqlConnectionStringBuilder(variables["RESILIENCE_POSTGRES"]).Password,
            ConfigurationOptions.Parse(variables["RESILIENCE_REDIS"]).Password,
        };
        passwords.Should().OnlyContain(password => !string.IsNullOrEmpty(password), "both servers are password-protected");

        cli.Interrupt();
        var watch = Stopwatch.StartNew();
        using (var deadline = new CancellationTokenSource(StopWithin))
        {
            await cli.Process.WaitForExitAsync(deadline.Token);
        }

        cli.Process.ExitCode.Should().Be(0, "Ctrl+C is how the stack is meant to stop:{0}{1}", System.Environment.NewLine, cli.Console);
        watch.Elapsed.Should().BeLessThan(StopWithin);
        File.Exists(cli.EnvFile).Should().BeFalse("the env file points at a stack that is gone");
        processes.Should().OnlyContain(process => !process.IsAlive, "no server or app outlives the command");
        cli.HarnessRoot.EnvironmentDirectories().Should().BeEmpty("the environment's data and records are removed");
        Listens(app.Port).Should().BeFalse("the app's port is closed");
        Listens(cli.ToxiproxyPort).Should().BeFalse("the Toxiproxy API's port is closed");

        var console = cli.Console;
        console.Should().Contain($"http://127.0.0.1:{cli.ToxiproxyPort}/", "the Toxiproxy API address is printed for curl and toxiproxy-cli")
            .And.Contain(app.AbsoluteUri)
            .And.Contain(cli.EnvFile);
        console.Should().NotContainAny(passwords, "secrets go to the env file only");
    }

    private static bool Listens(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
