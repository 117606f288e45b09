using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Resilience.Tests.Harness.Toxics.Support;

/// <summary>The built <c>toxiproxy-server</c> running as a child process; disposing kills it if it still runs.</summary>
internal sealed partial class StandaloneServerProcess : IDisposable
{
    private readonly Process process;

    private StandaloneServerProcess(Process process, Uri? apiAddress)
    {
        this.process = process;
        ApiAddress = apiAddress;
    }

    /// <summary>Where the API listens, as the server announced it; null when it did not start.</summary>
    public Uri? ApiAddress { get; }

    /// <summary>Starts <c>toxiproxy-server</c> with <paramref name="arguments"/> and waits for its announcement or exit.</summary>
    public static async Task<StandaloneServerProcess> StartAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ServerAssembly());
        arguments.ToList().ForEach(start.ArgumentList.Add);
        var process = Process.Start(start)!;
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))) is not null)
        {
            if (Announcement().Match(line) is { Success: true } announced)
            {
                return new StandaloneServerProcess(process, new Uri(announced.Groups[1].Value));
            }
        }

        return new StandaloneServerProcess(process, null);
    }

    /// <summary>Sends SIGTERM, as a service manager or <c>docker stop</c> would, and waits for the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        const int SigTerm = 15;
        _ = Kill(process.Id, SigTerm);
        return await ExitCodeAsync();
    }

    public async Task<int> ExitCodeAsync()
    {
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return process.ExitCode;
    }

    public Task<string> StandardErrorAsync() => process.StandardError.ReadToEndAsync();

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private static string ServerAssembly()
    {
        // Built next to this test assembly's configuration: <repo>/toxics/server/bin/<Configuration>/net10.0/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput;
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Resilience.sln")))
        {
            repository = repository.Parent;
        }

        var server = Path.Combine(repository!.FullName, "toxics", "server", "bin", configuration, testOutput.Name, "toxiproxy-server.dll");
        return File.Exists(server) ? server : throw new FileNotFoundException("Build toxics/server first (tests/Harness references it).", server);
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex Announcement();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}
