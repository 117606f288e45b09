using System.Diagnostics;
using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Environment;

/// <summary>A real, idle process (sleep) standing in for a test host or an unrelated program; killed when disposed.</summary>
internal sealed class StandInProcess : IDisposable
{
    private readonly Process _process;

    public StandInProcess()
    {
        // Working in "/", never inside an environment directory, so only the registry can lead a reaper to it.
        _process = Process.Start(new ProcessStartInfo("sleep", "300") { WorkingDirectory = "/", UseShellExecute = false })!;
        Identity = ProcessIdentity.Of(_process.Id)!;
    }

    public Process Process => _process;

    public ProcessIdentity Identity { get; }

    public bool HasExitedWithin(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>SIGKILL, as a CI runner or an OOM killer would end a test host.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }
}
