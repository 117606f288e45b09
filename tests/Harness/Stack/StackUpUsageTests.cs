namespace Resilience.Tests.Harness.Stack;

/// <summary><c>resilience-stack up</c> given arguments it does not understand: a usage error that repeats no secret.</summary>
public sealed class StackUpUsageTests
{
    [Fact]
    public async Task A_mistyped_option_is_a_usage_error_that_does_not_print_the_value_typed_after_an_equals_sign()
    {
        await using var cli = StackCliProcess.Start("--app-settings", "Postgres:Password=hunter2-do-not-print");

        await cli.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
        cli.Process.WaitForExit(); // lets the asynchronous readers drain the last lines

        cli.Process.ExitCode.Should().Be(2, cli.Console);
        cli.Console.Should().Contain("--app-settings").And.Contain("Postgres:Password=***")
            .And.NotContain("hunter2-do-not-print");
    }
}
