using System.Reflection;
using FluentAssertions;
using PublicApiGenerator;

namespace Resilience.Tests.Harness.PublicApi;

/// <summary>
/// The packages' public surface, guarded: each library's API as PublicApiGenerator writes it must equal the approved
/// file beside this test. A line gone from it breaks users (a major version); a new line is an addition to approve.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Libraries => ["Resilience.Toxics", "Resilience.Load", "Resilience.Fixtures", "Resilience.Reports"];

    [Theory]
    [MemberData(nameof(Libraries))]
    public void The_public_api_is_the_approved_one(string library)
    {
        // Assembly attributes carry InternalsVisibleTo and build metadata, which are not the API.
        var api = Normalize(Assembly.Load(library).GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }));
        var approvedFile = Path.Combine(AppContext.BaseDirectory, "PublicApi", library + ".approved.txt");
        var approved = File.Exists(approvedFile) ? Normalize(File.ReadAllText(approvedFile)) : "";
        if (api == approved)
        {
            return;
        }

        var receivedFile = Path.Combine(AppContext.BaseDirectory, "PublicApi", library + ".received.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(receivedFile)!);
        File.WriteAllText(receivedFile, api);
        var apiLines = api.Split('\n').Select(line => line.Trim()).ToHashSet();
        var approvedLines = approved.Split('\n').Select(line => line.Trim()).ToHashSet();
        var removed = approvedLines.Except(apiLines).Where(line => line.Length > 0).Take(20);
        var added = apiLines.Except(approvedLines).Where(line => line.Length > 0).Take(20);
        (api == approved).Should().BeTrue(
            "{0}'s public API must be the approved one, and it changed. Removed (breaks users):\n  {1}\nAdded:\n  {2}\nIf the change is meant, approve it: cp {3} tests/Harness/PublicApi/{0}.approved.txt",
            library, string.Join("\n  ", removed), string.Join("\n  ", added), receivedFile);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
