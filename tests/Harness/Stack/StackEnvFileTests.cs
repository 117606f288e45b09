using System.Diagnostics;
using System.Runtime.Versioning;
using Resilience.Reference.Stack;

namespace Resilience.Tests.Harness.Stack;

/// <summary>The env file reads back exactly, and a POSIX shell that sources it sees the same values.</summary>
public sealed class StackEnvFileTests : IDisposable
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["RESILIENCE_ENV"] = "external",
        ["RESILIENCE_POSTGRES"] = "Host=127.0.0.1;Port=5432;Username=app;Password=a b;c$d`e\"f'g",
        ["RESILIENCE_REDIS"] = "127.0.0.1:6379,password=p'q,abortConnect=False",
        ["RESILIENCE_EMPTY"] = "",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("resilience-env-file-test-").FullName;

    private string EnvFile => Path.Combine(_folder, "nested", "stack.env");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void What_is_written_reads_back_exactly()
    {
        StackEnvFile.Write(EnvFile, Variables, "a header\nof two lines");

        StackEnvFile.Read(EnvFile).Should().Equal(Variables);
    }

    [Fact]
    public async Task A_shell_that_sources_the_file_sees_the_same_values()
    {
        StackEnvFile.Write(EnvFile, Variables);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        // Each value framed by markers, so trailing spaces and empty values show.
        start.ArgumentList.Add($". \"$0\"; printf '%s=[%s]\\n' {string.Join(' ', Variables.Keys.Select(name => $"{name} \"${name}\""))}");
        start.ArgumentList.Add(EnvFile);

        using var shell = Process.Start(start)!;
        var output = await shell.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);

        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(Variables.Select(pair => $"{pair.Key}=[{pair.Value}]"));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Only_its_owner_can_read_it_even_when_it_replaces_a_readable_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(EnvFile)!);
        File.WriteAllText(EnvFile, "OLD=1\n");
        File.SetUnixFileMode(EnvFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        StackEnvFile.Write(EnvFile, Variables);

        File.GetUnixFileMode(EnvFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        StackEnvFile.Read(EnvFile).Should().NotContainKey("OLD");
        Directory.GetFiles(Path.GetDirectoryName(EnvFile)!).Should().ContainSingle("no staging file is left behind");
    }
}
