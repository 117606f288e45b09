using System.Diagnostics;
using System.Reflection;

namespace Resilience.Reports.Cli;

/// <summary>What the CLI can find out about the run by itself when no option says otherwise.</summary>
public static class RunMetadataDefaults
{
    private static readonly string[] CommitVariables = ["GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_SOURCEVERSION", "GIT_COMMIT"];

    public static string EnvironmentProvider() =>
        Environment.GetEnvironmentVariable("RESILIENCE_ENV") is { Length: > 0 } provider ? provider : "local";

    public static string? HarnessVersion() =>
        typeof(RunMetadataDefaults).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>The CI's commit variable, else <c>git rev-parse HEAD</c> in the working folder, else null.</summary>
    public static string? GitCommit()
    {
        foreach (var name in CommitVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } commit)
            {
                return commit;
            }
        }

        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEndAsync();
            if (!git.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                git.Kill();
                return null;
            }

            return git.ExitCode == 0 && output.Wait(TimeSpan.FromSeconds(1)) ? output.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
