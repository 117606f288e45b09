using System.Security.Cryptography;
using Resilience.Fixtures.Environment;

namespace Resilience.Tests.Harness.Environment;

/// <summary>
/// A harness root of the test's own, so reaping in one test never races with environments of tests running in
/// parallel. Deleted (with anything left in it) when disposed. Lives beside the default root (on tmpfs when the
/// machine has one), so these tests run as fast as the others.
/// </summary>
internal sealed class PrivateHarnessRoot : IDisposable
{
    public PrivateHarnessRoot() =>
        Root = new HarnessRoot(Path.Combine(
            Path.GetDirectoryName(HarnessRoot.DefaultPath)!,
            "resilience-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))));

    public HarnessRoot Root { get; }

    public string Directory => Root.Path;

    /// <summary>The machine's settings (server binaries, cache) with this root and the given provider.</summary>
    /// <remarks>
    /// Not on CI unless a test says so: the skip-or-fail tests state both cases themselves, so the run's own CI
    /// variable must not decide which one they see.
    /// </remarks>
    public ResilienceEnvironmentSettings Settings(EnvironmentProvider provider = EnvironmentProvider.Local) =>
        ResilienceEnvironmentSettings.FromEnvironmentVariables() with { HarnessRootPath = Directory, Provider = provider, IsContinuousIntegration = false };

    public ResilienceEnvironmentBuilder Builder(EnvironmentProvider provider = EnvironmentProvider.Local) =>
        new ResilienceEnvironmentBuilder().WithSettings(Settings(provider));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
