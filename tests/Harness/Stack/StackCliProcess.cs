using System.Diagnostics;
using System.Reflection;
using System.Text;
using Resilience.Fixtures.Environment;
using Resilience.Reference.Stack;
using Resilience.Tests.Harness.Environment;

namespace Resilience.Tests.Harness.Stack;

/// <summary>
/// <c>resilience-stack up</c> as a child process, as an engineer runs it: its own harness root, Toxiproxy API port
/// and env file, its console captured. Disposing it stops it (SIGINT, then SIGKILL and a reap of what it left).
/// </summary>
internal sealed class StackCliProcess : IAsyncDisposable
{
    private const int UnavailableExitCode = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _console = new();
    private readonly PrivateHarnessRoot _root;
    private readonly string _folder;

    private StackCliProcess(Process process, PrivateHarnessRoot root, string folder, int toxiproxyPort)
    {
        (_process, _root, _folder, ToxiproxyPort) = (process, root, folder, toxiproxyPort);
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ToxiproxyPort { get; }

    public string EnvFile => Path.Combine(_folder, "stack.env");

    public HarnessRoot HarnessRoot => _root.Root;

    public Process Process => _process;

    /// <summary>Everything the command wrote so far, stdout and stderr.</summary>
    public string Console
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet resilience-stack.dll up</c> on a free Toxiproxy port with a fresh env file path, and any further arguments.</summary>
    public static StackCliProcess Start(params string[] arguments)
    {
        var root = new PrivateHarnessRoot();
        var folder = Directory.CreateTempSubdirectory("resilience-stack-test-").FullName;
        var port = FreePort.Next();
        var start = new ProcessStartInfo(DotnetHost.Executable())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in (string[])[CliPath(), "up", "--toxiproxy-port", $"{port}", "--env-file", Path.Combine(folder, "stack.env"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[EnvironmentVariableNames.HarnessRoot] = root.Directory;
        return new StackCliProcess(Process.Start(start)!, root, folder, port);
    }

    /// <summary>
    /// Waits until the stack is up (the env file is written) and returns its variables; null when this machine
    /// lacks PostgreSQL or Redis (exit code 3) and this is not CI, where that is a failure.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>?> WaitUntilUpAsync()
    {
        var watch = Stopwatch.StartNew();
        while (!File.Exists(EnvFile))
        {
            if (_process.HasExited && _process.ExitCode == UnavailableExitCode
                && System.Environment.GetEnvironmentVariable(EnvironmentVariableNames.ContinuousIntegration) != "true")
            {
                return null;
            }

            if (_process.HasExited || watch.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"resilience-stack up did not write {EnvFile} within {watch.Elapsed.TotalSeconds:0} s " +
                    $"({(_process.HasExited ? $"exited with {_process.ExitCode}" : "still running")}):{System.Environment.NewLine}{Console}");
            }

            await Task.Delay(50);
        }

        return StackEnvFile.Read(EnvFile);
    }

    /// <summary>The processes the stack's environment recorded under its harness root (postgres, redis, app).</summary>
    public IReadOnlyList<OwnedProcess> RecordedProcesses() =>
        HarnessRoot.EnvironmentDirectories().SelectMany(EnvironmentDirectoryCleaner.ReadRecordedProcesses).ToList();

    /// <summary>Ctrl+C, as from a terminal: SIGINT to the command.</summary>
    public void Interrupt() => Posix.Signal(_process.Id, UnixSignal.Interrupt);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Interrupt();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        // Whatever the command left (it may have been killed, by a test or a bug), reaped before its root goes.
        await OrphanReaper.ReapAsync(HarnessRoot);
        _process.Dispose();
        _root.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string CliPath()
    {
        var path = typeof(StackCliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "Resilience.Stack.Cli.Path")?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new FileNotFoundException($"resilience-stack was not built at '{path}': dotnet build reference/cli", path);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_console)
        {
            _console.AppendLine(line);
        }
    }
}
