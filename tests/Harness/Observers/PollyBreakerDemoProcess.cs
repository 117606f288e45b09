using Resilience.Fixtures.Environment;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Resilience.Reference.Stack;

namespace Resilience.Tests.Harness.Observers;

/// <summary>
/// tests/Assets/PollyBreakerDemo as a child process, its stdout protocol parsed (see its Program.cs): when it is ready,
/// each transition Polly raised with its UTC time, each command's answer. Disposing kills it.
/// </summary>
internal sealed class PollyBreakerDemoProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<(string State, DateTimeOffset At)> _raised = [];

    private PollyBreakerDemoProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data is null ? null : "stderr: " + line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<(string State, DateTimeOffset At)> Raised
    {
        get
        {
            lock (_lines)
            {
                return _raised.ToList();
            }
        }
    }

    /// <summary>Starts the demo (1 s break) with further options and environment variables, and waits until it reads commands.</summary>
    public static async Task<PollyBreakerDemoProcess> StartAsync(string[]? arguments = null, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetHost.Executable())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[DemoPath(), "--BreakMs", "1000", .. arguments ?? []])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        var demo = new PollyBreakerDemoProcess(Process.Start(start)!);
        await demo.WaitForLineAsync(line => line == $"ready {demo.ProcessId}", ReadyWithin, "ready");
        return demo;
    }

    public async Task SendAsync(string command)
    {
        var answers = Count(line => line.StartsWith($"done {command} ", StringComparison.Ordinal));
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        await WaitForLineAsync(line => line.StartsWith($"done {command} ", StringComparison.Ordinal), AnswerWithin, $"done {command}", skip: answers);
    }

    /// <summary>Sends "succeed" until the open breaker lets a call through (after its 1 s break): half-open, then closed.</summary>
    public async Task SucceedOnceLetThroughAsync()
    {
        var watch = Stopwatch.StartNew();
        while (!Lines().Any(line => line == "done succeed ok"))
        {
            if (watch.Elapsed > AnswerWithin)
            {
                throw new TimeoutException($"The demo's breaker let no call through within {AnswerWithin.TotalSeconds} s:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, Lines())}");
            }

            await SendAsync("succeed");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The last time the demo reported raising <paramref name="state"/>.</summary>
    public async Task<(string State, DateTimeOffset At)> WaitRaisedAsync(string state)
    {
        await WaitForLineAsync(line => line.StartsWith($"raised {state} ", StringComparison.Ordinal), AnswerWithin, $"raised {state}");
        return Raised.Last(raised => raised.State == state);
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string DemoPath()
    {
        var path = typeof(PollyBreakerDemoProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "Resilience.PollyBreakerDemo.Path")?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The Polly demo was not built at '{path}': dotnet build tests/Assets/PollyBreakerDemo", path);
    }

    private async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what, int skip = 0)
    {
        var watch = Stopwatch.StartNew();
        while (Count(match) <= skip)
        {
            if (_process.HasExited || watch.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"The demo did not print '{what}' within {timeout.TotalSeconds:0} s ({(_process.HasExited ? $"exited with {_process.ExitCode}" : "running")}):" +
                    $"{System.Environment.NewLine}{string.Join(System.Environment.NewLine, Lines())}");
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    private int Count(Func<string, bool> match)
    {
        lock (_lines)
        {
            return _lines.Count(match);
        }
    }

    private List<string> Lines()
    {
        lock (_lines)
        {
            return _lines.ToList();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            if (line.Split(' ') is ["raised", var state, var at])
            {
                _raised.Add((state, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)));
            }
        }
    }
}
